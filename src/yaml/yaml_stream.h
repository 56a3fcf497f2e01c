// src/yaml/yaml_stream.h: yaml-cpp 0.7's LoadAll, made safe for untrusted text. Every
// multi-document YAML linea reads (manifests, connector configs) goes through it.
//
// Debian 12's yaml-cpp 0.7.0 has bugs that matter for input from users and the network; this
// wrapper turns each into an error instead:
//   - a ',' outside any flow collection after a complete top-level node (`[a],`, `"x",`,
//     `- a\n,`) makes LoadAll return empty documents forever, until memory runs out;
//   - a quoted scalar left open up to the end of the file (`description: "abc\n`) is accepted
//     and silently swallows the rest of the file;
//   - nesting deeper than 500 levels throws DeepRecursion with the message "bad file".
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linea::yaml {

struct YamlError {
  int line = 1;  // 1-based
  std::string message;
};

struct YamlStream {
  std::vector<YAML::Node> documents;  // empty on error; null documents are kept
  std::optional<YamlError> error;
};

// Parses every document of `text`. Never throws; time and memory are linear in the input
// (aliases are shared, not copied). Errors: invalid UTF-8 (line of the first bad byte), any
// YAML syntax error (yaml-cpp's message, prefixed "YAML syntax error: "), the bugs above.
YamlStream LoadYamlStream(std::string_view text);

}  // namespace linea::yaml
