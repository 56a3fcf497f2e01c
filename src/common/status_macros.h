// src/common/status_macros.h: propagation helpers (abseil status_macros.h, which Debian's
// libabsl 20220623 lacks).
#pragma once

#include "common/result.h"
#include "common/status.h"

#define LINEA_CONCAT_INNER_(a, b) a##b
#define LINEA_CONCAT_(a, b) LINEA_CONCAT_INNER_(a, b)

// Returns the status of `expr` from the enclosing function when it is not OK.
#define LINEA_RETURN_IF_ERROR(expr)              \
  do {                                           \
    ::linea::Status linea_status_ = (expr);      \
    if (!linea_status_.ok()) return linea_status_; \
  } while (0)

// `LINEA_ASSIGN_OR_RETURN(auto x, MakeX());` declares x from a Result or returns its error.
#define LINEA_ASSIGN_OR_RETURN(lhs, expr) \
  LINEA_ASSIGN_OR_RETURN_IMPL_(LINEA_CONCAT_(linea_result_, __LINE__), lhs, expr)
#define LINEA_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return std::move(tmp).status();     \
  lhs = std::move(*tmp)
