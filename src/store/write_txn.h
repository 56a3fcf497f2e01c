// src/store/write_txn.h: an open write transaction, as sub-stores receive it.
#pragma once

namespace linea::store {

// Handed to the callback of Store::Write(); only valid inside it. Backends subclass it with
// what their sub-stores need (a connection, the transaction's timestamp); sub-stores of another
// backend refuse it with kInternal.
class WriteTxn {
 public:
  virtual ~WriteTxn() = default;
};

}  // namespace linea::store
