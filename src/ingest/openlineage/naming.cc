#include "ingest/openlineage/naming.h"

#include <cctype>
#include <vector>

#include "common/strings.h"
#include "model/fqn.h"

namespace linea::openlineage {
namespace {

// How a namespace's datasets are named.
enum class Layout {
  kTable,   // name = dotted table path (db.schema.t); the host is dropped
  kTopic,   // name = one topic; the host is dropped
  kPath,    // name = a file path; the host is dropped
  kBucket,  // name = a path inside the bucket/container named by the authority
};

Layout LayoutOf(std::string_view scheme) {
  static constexpr std::string_view kTopics[] = {"kafka", "pulsar"};
  static constexpr std::string_view kPaths[] = {"file", "hdfs", "dbfs", "webhdfs"};
  static constexpr std::string_view kBuckets[] = {"s3",   "s3a",   "s3n",  "gs",    "gcs",
                                                  "abfs", "abfss", "wasb", "wasbs", "oss"};
  for (std::string_view s : kTopics) {
    if (scheme == s) return Layout::kTopic;
  }
  for (std::string_view s : kPaths) {
    if (scheme == s) return Layout::kPath;
  }
  for (std::string_view s : kBuckets) {
    if (scheme == s) return Layout::kBucket;
  }
  return Layout::kTable;
}

// A namespace split as a URI: "hive://h:9083" → scheme "hive", authority "h:9083";
// "file:/tmp/x" → scheme "file", path "/tmp/x". A namespace that is not a URI
// ("food_delivery", "bigquery", "file", "host:9083") has no scheme.
struct NamespaceParts {
  std::string scheme;  // lower-case; "" when the namespace is not a URI
  std::string authority;
  std::string path;
};

bool IsSchemeChar(char c, bool first) {
  unsigned char u = static_cast<unsigned char>(c);
  if (std::isalpha(u)) return true;
  return !first && (std::isdigit(u) || c == '+' || c == '-' || c == '.');
}

NamespaceParts SplitNamespace(std::string_view ns) {
  NamespaceParts parts;
  size_t colon = ns.find(':');
  if (colon == std::string_view::npos || colon == 0) return parts;
  for (size_t i = 0; i < colon; ++i) {
    if (!IsSchemeChar(ns[i], i == 0)) return parts;
  }
  std::string_view rest = ns.substr(colon + 1);
  if (!StartsWith(rest, "/")) return parts;  // "host:9083" is not a URI
  parts.scheme = ToLower(ns.substr(0, colon));
  if (StartsWith(rest, "//")) {
    rest.remove_prefix(2);
    size_t slash = rest.find('/');
    parts.authority = std::string(rest.substr(0, slash));
    if (slash != std::string_view::npos) parts.path = std::string(rest.substr(slash));
  } else {
    parts.path = std::string(rest);
  }
  return parts;
}

// Appends the non-empty pieces of `text` split on `sep`.
void AppendSplit(std::string_view text, char sep, std::vector<std::string>* out) {
  for (std::string& piece : Split(text, sep)) {
    if (!piece.empty()) out->push_back(std::move(piece));
  }
}

// The bucket segment of an object-store authority: the host without port or credentials;
// for "container@account.dfs.core.windows.net" the container and account ("container@account").
std::string BucketOf(std::string_view authority) {
  size_t at = authority.find('@');
  if (at != std::string_view::npos) {
    std::string_view host = authority.substr(at + 1);
    return std::string(authority.substr(0, at)) + "@" + std::string(host.substr(0, host.find('.')));
  }
  return std::string(authority.substr(0, authority.find(':')));
}

Status CheckIdentity(std::string_view what, std::string_view ns, std::string_view name) {
  if (ns.empty()) return InvalidArgumentError(std::string(what) + " namespace is empty");
  if (name.empty()) {
    return InvalidArgumentError(std::string(what) + " name is empty (namespace \"" +
                                std::string(ns) + "\")");
  }
  if (!IsValidUtf8(ns)) {
    return InvalidArgumentError(std::string(what) + " namespace is not valid UTF-8");
  }
  if (!IsValidUtf8(name)) {
    return InvalidArgumentError(std::string(what) + " name is not valid UTF-8 (namespace \"" +
                                std::string(ns) + "\")");
  }
  return Status::OK();
}

// The service of a namespace: the mapped name, else the URI scheme, else the namespace itself.
std::string ServiceOf(std::string_view ns, const NamespaceParts& parts, const NamespaceMap& map) {
  std::string mapped = map.Find(ns);
  if (!mapped.empty()) return mapped;
  return parts.scheme.empty() ? std::string(ns) : parts.scheme;
}

}  // namespace

Status NamespaceMap::Add(std::string_view entry) {
  size_t eq = entry.rfind('=');
  if (eq == std::string_view::npos) {
    return InvalidArgumentError("namespace mapping \"" + std::string(entry) +
                                "\": expected NAMESPACE=SERVICE");
  }
  std::string_view ns = entry.substr(0, eq);
  std::string_view service = entry.substr(eq + 1);
  if (ns.empty()) {
    return InvalidArgumentError("namespace mapping \"" + std::string(entry) +
                                "\": empty namespace");
  }
  Result<model::Fqn> fqn = model::Fqn::Parse(service);
  if (!fqn.ok() || fqn->size() != 1) {
    return InvalidArgumentError("namespace mapping \"" + std::string(entry) + "\": service \"" +
                                std::string(service) + "\" is not a single FQN segment");
  }
  services_[std::string(ns)] = fqn->name();
  return Status::OK();
}

std::string NamespaceMap::Find(std::string_view ns) const {
  auto it = services_.find(ns);
  return it == services_.end() ? std::string() : it->second;
}

Result<DatasetIdentity> DatasetFqn(std::string_view ns, std::string_view name,
                                   const NamespaceMap& map) {
  if (Status s = CheckIdentity("dataset", ns, name); !s.ok()) return s;
  NamespaceParts parts = SplitNamespace(ns);
  // A bare namespace that names a file system ("file") is laid out like its URI form.
  std::string scheme =
      parts.scheme.empty() && LayoutOf(ns) == Layout::kPath ? std::string(ns) : parts.scheme;
  Layout layout = scheme.empty() ? Layout::kTable : LayoutOf(scheme);

  DatasetIdentity id;
  id.service = ServiceOf(ns, parts, map);
  std::vector<std::string> segments = {id.service};
  switch (layout) {
    case Layout::kTable:
      AppendSplit(name, '.', &segments);
      break;
    case Layout::kTopic:
      id.kind = model::AssetKind::kTopic;
      segments.emplace_back(name);
      break;
    case Layout::kBucket:
      if (std::string bucket = BucketOf(parts.authority); !bucket.empty()) {
        segments.push_back(std::move(bucket));
      }
      [[fallthrough]];
    case Layout::kPath:
      AppendSplit(parts.path, '/', &segments);
      AppendSplit(name, '/', &segments);
      break;
  }
  if (segments.size() < 2) {
    return InvalidArgumentError("dataset name \"" + std::string(name) + "\" in namespace \"" +
                                std::string(ns) + "\" yields no FQN segment");
  }
  id.fqn = model::Fqn::FromSegments(std::move(segments)).ToString();
  return id;
}

Result<DatasetIdentity> TableFqn(std::string_view ns, std::string_view name,
                                 const NamespaceMap& map) {
  if (Status s = CheckIdentity("table", ns, name); !s.ok()) return s;
  NamespaceParts parts = SplitNamespace(ns);
  DatasetIdentity id;
  id.service = ServiceOf(ns, parts, map);
  if (LayoutOf(parts.scheme) == Layout::kTopic) id.kind = model::AssetKind::kTopic;
  std::vector<std::string> segments = {id.service};
  AppendSplit(name, '.', &segments);
  if (segments.size() < 2) {
    return InvalidArgumentError("table name \"" + std::string(name) + "\" in namespace \"" +
                                std::string(ns) + "\" yields no FQN segment");
  }
  id.fqn = model::Fqn::FromSegments(std::move(segments)).ToString();
  return id;
}

Result<std::string> JobFqn(std::string_view ns, std::string_view name, const NamespaceMap& map) {
  if (Status s = CheckIdentity("job", ns, name); !s.ok()) return s;
  std::string service = ServiceOf(ns, SplitNamespace(ns), map);
  return model::Fqn::FromSegments({service, std::string(name)}).ToString();
}

std::string JobProvenance(std::string_view ns, std::string_view name) {
  return "openlineage:" + std::string(ns) + "/" + std::string(name);
}

}  // namespace linea::openlineage
