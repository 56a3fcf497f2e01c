#include "store/sqlite/distribution_blob.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace linea::store::sqlite_internal {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the distribution blob is little-endian; add byte swapping for this host");

constexpr char kMagic[3] = {'L', 'D', 1};
constexpr size_t kHeaderSize = sizeof(kMagic) + 4 * sizeof(uint32_t) + sizeof(double);

void PutRaw(std::string& out, const void* data, size_t size) {
  out.append(static_cast<const char*>(data), size);
}

void PutU32(std::string& out, size_t value) {
  const uint32_t v = static_cast<uint32_t>(value);
  PutRaw(out, &v, sizeof(v));
}

// Reads fixed-size values off the front of a blob; every Take fails once one has failed.
class Reader {
 public:
  explicit Reader(std::string_view blob) : rest_(blob) {}

  bool Take(void* out, size_t size) {
    if (rest_.size() < size) return false;
    std::memcpy(out, rest_.data(), size);
    rest_.remove_prefix(size);
    return true;
  }
  bool TakeU32(size_t& out) {
    uint32_t v = 0;
    if (!Take(&v, sizeof(v))) return false;
    out = v;
    return true;
  }
  bool TakeDoubles(std::vector<double>& out, size_t n) {
    if (rest_.size() / sizeof(double) < n) return false;
    out.resize(n);
    return n == 0 || Take(out.data(), n * sizeof(double));
  }
  bool TakeString(std::string& out) {
    size_t n = 0;
    if (!TakeU32(n) || rest_.size() < n) return false;
    out.assign(rest_.substr(0, n));
    rest_.remove_prefix(n);
    return true;
  }
  bool done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

}  // namespace

std::string EncodeDistributionBlob(const model::Distribution& d) {
  if (d == model::Distribution{}) return std::string();
  std::string out;
  size_t size = kHeaderSize + (d.edges.size() + d.counts.size() + 2 * d.quantiles.size()) * 8;
  for (const std::string& c : d.categories) size += sizeof(uint32_t) + c.size();
  out.reserve(size);
  PutRaw(out, kMagic, sizeof(kMagic));
  PutU32(out, d.edges.size());
  PutU32(out, d.counts.size());
  PutU32(out, d.categories.size());
  PutU32(out, d.quantiles.size());
  PutRaw(out, &d.missing, sizeof(double));
  PutRaw(out, d.edges.data(), d.edges.size() * sizeof(double));
  PutRaw(out, d.counts.data(), d.counts.size() * sizeof(double));
  for (const auto& [p, value] : d.quantiles) {
    PutRaw(out, &p, sizeof(double));
    PutRaw(out, &value, sizeof(double));
  }
  for (const std::string& c : d.categories) {
    PutU32(out, c.size());
    out += c;
  }
  return out;
}

bool DecodeDistributionBlob(std::string_view blob, model::Distribution& out) {
  out = model::Distribution{};
  if (blob.substr(0, sizeof(kMagic)) != std::string_view(kMagic, sizeof(kMagic))) return false;
  Reader in(blob.substr(sizeof(kMagic)));
  size_t edges = 0, counts = 0, categories = 0, quantiles = 0;
  if (!in.TakeU32(edges) || !in.TakeU32(counts) || !in.TakeU32(categories) ||
      !in.TakeU32(quantiles) || !in.Take(&out.missing, sizeof(double)) ||
      !in.TakeDoubles(out.edges, edges) || !in.TakeDoubles(out.counts, counts)) {
    return false;
  }
  std::vector<double> pairs;
  if (quantiles > blob.size() || !in.TakeDoubles(pairs, 2 * quantiles)) return false;
  out.quantiles.resize(quantiles);
  for (size_t i = 0; i < quantiles; ++i) out.quantiles[i] = {pairs[2 * i], pairs[2 * i + 1]};
  // Each category takes at least its length prefix: a count past that is no blob of ours.
  if (categories > blob.size() / sizeof(uint32_t)) return false;
  out.categories.resize(categories);
  for (std::string& c : out.categories) {
    if (!in.TakeString(c)) return false;
  }
  return in.done();
}

}  // namespace linea::store::sqlite_internal
