// fuzz/openlineage_event_fuzzer.cc: openlineage::SplitEvents, then DecodeEventText on each
// element, then the naming table on every decoded identity.
//
// Oracle: nothing crashes, throws or overflows the stack (nesting is bounded); every error is
// kInvalidArgument with a message; a decoded event has a 64-hex-digit hash, re-decodes from its
// canonical text to the same hash, and has the identity fields its class requires; an element
// SplitEvents returns is already canonical, and a text that decodes whole splits into exactly
// its canonical text; JobFqn succeeds and DatasetFqn either fails with kInvalidArgument or
// returns a canonical FQN. abort() otherwise.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/openlineage/decode.h"
#include "ingest/openlineage/naming.h"
#include "model/fqn.h"

namespace {

namespace ol = linea::openlineage;

void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "openlineage_event_fuzzer: %s\n", what);
  std::abort();
}

void CheckError(const linea::Status& s, const char* what) {
  Check(s.code() == linea::StatusCode::kInvalidArgument && !s.message().empty(), what);
}

bool IsHex64(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

void CheckDataset(const ol::OlDataset& ds, const ol::NamespaceMap& map) {
  Check(!ds.namespace_.empty() && !ds.name.empty(), "dataset without identity");
  linea::Result<ol::DatasetIdentity> id = ol::DatasetFqn(ds.namespace_, ds.name, map);
  if (!id.ok()) {
    CheckError(id.status(), "DatasetFqn error");
    return;
  }
  linea::Result<std::string> canonical = linea::model::CanonicalFqn(id->fqn);
  Check(canonical.ok() && *canonical == id->fqn, "DatasetFqn not canonical");
  Check(!id->service.empty(), "empty service");
}

void CheckEvent(const ol::DecodedEvent& d, const ol::NamespaceMap& map) {
  Check(IsHex64(d.hash), "hash not 64 hex digits");
  linea::Result<ol::DecodedEvent> again = ol::DecodeEventText(d.canonical);
  Check(again.ok() && again->hash == d.hash, "canonical form does not re-decode to the same hash");
  const ol::OlEvent& e = d.event;
  Check(!e.event_time.empty(), "empty event time");
  if (e.event_class == ol::EventClass::kDataset) {
    CheckDataset(e.dataset, map);
    return;
  }
  Check(e.event_class != ol::EventClass::kRun || !e.run_id.empty(), "run event without run id");
  Check(!e.job.namespace_.empty() && !e.job.name.empty(), "job without identity");
  linea::Result<std::string> job = ol::JobFqn(e.job.namespace_, e.job.name, map);
  Check(job.ok(), "JobFqn failed on a decoded job");
  for (const ol::OlDataset& ds : e.inputs) CheckDataset(ds, map);
  for (const ol::OlDataset& ds : e.outputs) CheckDataset(ds, map);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static const ol::NamespaceMap map = [] {
    ol::NamespaceMap m;
    m.Add("hive://hms-prod:9083=hive_prod").IgnoreError();
    return m;
  }();
  linea::Result<std::vector<std::string>> events = ol::SplitEvents(text);
  if (!events.ok()) {
    CheckError(events.status(), "SplitEvents error");
    return 0;
  }
  for (const std::string& event : *events) {
    linea::Result<ol::DecodedEvent> decoded = ol::DecodeEventText(event);
    if (!decoded.ok()) {
      CheckError(decoded.status(), "DecodeEventText error");
      continue;
    }
    Check(decoded->canonical == event, "SplitEvents element not in canonical form");
    CheckEvent(*decoded, map);
  }
  // The raw text as one event takes the same error paths.
  linea::Result<ol::DecodedEvent> whole = ol::DecodeEventText(text);
  if (whole.ok()) {
    Check(events.ok() && events->size() == 1 && events->front() == whole->canonical,
          "a decodable text does not split into its canonical text");
    CheckEvent(*whole, map);
  } else {
    CheckError(whole.status(), "DecodeEventText error on the whole text");
  }
  return 0;
}
