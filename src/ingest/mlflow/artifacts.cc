#include <filesystem>
#include <fstream>
#include <sstream>

#include "connectors/secrets.h"
#include "ingest/mlflow/reader.h"

namespace linea::mlflow {
namespace {

constexpr std::uintmax_t kMaxMlmodelBytes = 4 << 20;

std::string PercentDecode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

std::string ModelArtifactDir(const ModelVersionRecord& version, const RunRecord& run) {
  const std::string prefix = "runs:/";
  if (version.source.rfind(prefix, 0) != 0) return version.source;
  // runs:/<run id>/<path>
  const size_t slash = version.source.find('/', prefix.size());
  const std::string path = slash == std::string::npos ? "" : version.source.substr(slash + 1);
  return path.empty() ? run.artifact_uri : run.artifact_uri + "/" + path;
}

Result<std::string> ReadLocalMlmodel(const std::string& dir_uri, const std::string& base_dir) {
  std::string path;
  if (dir_uri.rfind("file://", 0) == 0) {
    path = dir_uri.substr(7);
    if (!path.empty() && path[0] != '/') {  // file://host/p
      const size_t slash = path.find('/');
      path = slash == std::string::npos ? "/" : path.substr(slash);
    }
    path = PercentDecode(path);
  } else if (dir_uri.rfind("file:", 0) == 0) {
    path = PercentDecode(dir_uri.substr(5));
  } else if (dir_uri.find("://") == std::string::npos && dir_uri.find(":/") == std::string::npos) {
    path = connectors::ResolvePath(base_dir, dir_uri);
  } else {
    return FailedPreconditionError("artifacts at " + dir_uri + " can only be read through the "
                                   "tracking server (tracking_uri)");
  }
  path += "/MLmodel";
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return NotFoundError("cannot read " + path + ": " + ec.message());
  if (size > kMaxMlmodelBytes) return InvalidArgumentError(path + " is larger than 4 MiB");
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return NotFoundError("cannot read " + path);
  return text.str();
}

}  // namespace linea::mlflow
