#include "ssbsim/io/NpyVolume.h"

#include <fmt/format.h>

#include <bit>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <vector>

namespace ssbsim::io {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMagic = "\x93NUMPY";
// The format pads the header so that the data starts at a multiple of 64 bytes.
constexpr std::size_t kAlignment = 64;
// Version 1 headers have a 16-bit length; anything longer is version 2 or 3 (32-bit length).
constexpr std::size_t kMaxHeaderLength = std::size_t{1} << 20;

// --- the header dict --------------------------------------------------------------------------
// The header is a Python literal such as {'descr': '<u2', 'fortran_order': False, 'shape': (3, 5,
// 7), }. This parser reads that subset: strings, True/False, integers and tuples of integers.

struct PyValue {
    enum class Kind { String, Bool, Tuple, Other } kind = Kind::Other;
    std::string text;
    bool flag = false;
    std::vector<std::uint64_t> items;
};

class HeaderParser {
  public:
    HeaderParser(std::string_view text, const std::string& path) : text_(text), path_(path) {}

    std::map<std::string, PyValue> parseDict() {
        std::map<std::string, PyValue> dict;
        expect('{');
        while (!tryConsume('}')) {
            const std::string key = parseString();
            expect(':');
            dict[key] = parseValue();
            if (!tryConsume(',')) {
                expect('}');
                break;
            }
        }
        return dict;
    }

  private:
    [[noreturn]] void fail(const std::string& what) const {
        throw volumeError(path_, fmt::format("invalid .npy header ({} at character {}): {}", what,
                                             pos_ + 1, text_));
    }
    void skipSpace() {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }
    bool tryConsume(char c) {
        skipSpace();
        if (pos_ < text_.size() && text_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }
    void expect(char c) {
        if (!tryConsume(c)) fail(fmt::format("expected '{}'", c));
    }
    std::string parseString() {
        skipSpace();
        if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"'))
            fail("expected a quoted string");
        const char quote = text_[pos_++];
        const std::size_t end = text_.find(quote, pos_);
        if (end == std::string_view::npos) fail("unterminated string");
        std::string s(text_.substr(pos_, end - pos_));
        pos_ = end + 1;
        return s;
    }
    std::uint64_t parseInteger() {
        skipSpace();
        const std::size_t start = pos_;
        std::uint64_t value = 0;
        while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
            const auto digit = static_cast<std::uint64_t>(text_[pos_++] - '0');
            if (value > (UINT64_MAX - digit) / 10) fail("integer too large");
            value = value * 10 + digit;
        }
        if (pos_ == start) fail("expected a non-negative integer");
        if (pos_ < text_.size() && text_[pos_] == 'L') ++pos_;  // Python 2 long literal
        return value;
    }
    PyValue parseValue() {
        skipSpace();
        PyValue v;
        if (pos_ >= text_.size()) fail("expected a value");
        const char c = text_[pos_];
        if (c == '\'' || c == '"') {
            v.kind = PyValue::Kind::String;
            v.text = parseString();
        } else if (c == '(') {
            ++pos_;
            v.kind = PyValue::Kind::Tuple;
            while (!tryConsume(')')) {
                v.items.push_back(parseInteger());
                if (!tryConsume(',')) {
                    expect(')');
                    break;
                }
            }
        } else if (text_.substr(pos_).starts_with("True") ||
                   text_.substr(pos_).starts_with("False")) {
            v.kind = PyValue::Kind::Bool;
            v.flag = c == 'T';
            pos_ += v.flag ? 4 : 5;
        } else if (c == '[') {
            fail("a structured dtype (record array); expected a plain integer array of labels");
        } else {
            fail("unexpected value");
        }
        return v;
    }

    std::string_view text_;
    const std::string& path_;
    std::size_t pos_ = 0;
};

// --- dtype ------------------------------------------------------------------------------------

enum class NpyKind { Bool, Unsigned, Signed };

struct NpyType {
    NpyKind kind = NpyKind::Unsigned;
    unsigned size = 1;  ///< bytes per sample
    bool swapBytes = false;
    std::string name;  ///< numpy's name, e.g. "uint16"
};

NpyType parseDescr(const std::string& descr, const std::string& path) {
    auto unsupported = [&](const std::string& why) {
        return volumeError(path, fmt::format("dtype '{}': {}; expected bool or an integer type "
                                             "(u1, u2, u4, u8, i1, i2, i4, i8) holding labels "
                                             "0..255",
                                             descr, why));
    };
    if (descr.size() < 3) throw unsupported("not a simple dtype");
    const char order = descr[0], kind = descr[1];
    const std::string sizeText = descr.substr(2);
    if (order != '<' && order != '>' && order != '|' && order != '=')
        throw unsupported("unknown byte order");
    if (kind == 'f' || kind == 'c')
        throw unsupported("floating-point samples (segment the image first)");
    if (kind != 'b' && kind != 'u' && kind != 'i') throw unsupported("not an integer type");
    if (sizeText != "1" && sizeText != "2" && sizeText != "4" && sizeText != "8")
        throw unsupported("unsupported sample size");
    NpyType type;
    type.size = static_cast<unsigned>(sizeText[0] - '0');
    if (kind == 'b' && type.size != 1) throw unsupported("unsupported bool size");
    type.kind = kind == 'b' ? NpyKind::Bool : kind == 'u' ? NpyKind::Unsigned : NpyKind::Signed;
    if (order == '|' && type.size > 1) throw unsupported("no byte order for a multi-byte type");
    const bool bigEndian =
        order == '>' || (order == '=' && std::endian::native == std::endian::big);
    type.swapBytes = type.size > 1 && bigEndian != (std::endian::native == std::endian::big);
    type.name =
        type.kind == NpyKind::Bool
            ? "bool"
            : fmt::format("{}int{}", type.kind == NpyKind::Unsigned ? "u" : "", 8 * type.size);
    return type;
}

SampleCheck readSamples(std::istream& in, const NpyType& type, std::size_t count, Label* out) {
    if (type.kind == NpyKind::Signed) {
        switch (type.size) {
            case 1:
                return readLabelSamples<std::int8_t>(in, count, type.swapBytes, out);
            case 2:
                return readLabelSamples<std::int16_t>(in, count, type.swapBytes, out);
            case 4:
                return readLabelSamples<std::int32_t>(in, count, type.swapBytes, out);
            default:
                return readLabelSamples<std::int64_t>(in, count, type.swapBytes, out);
        }
    }
    // numpy stores bool as one byte 0 or 1.
    switch (type.size) {
        case 1:
            return readLabelSamples<std::uint8_t>(in, count, type.swapBytes, out);
        case 2:
            return readLabelSamples<std::uint16_t>(in, count, type.swapBytes, out);
        case 4:
            return readLabelSamples<std::uint32_t>(in, count, type.swapBytes, out);
        default:
            return readLabelSamples<std::uint64_t>(in, count, type.swapBytes, out);
    }
}

// --- layout -----------------------------------------------------------------------------------

struct NpyLayout {
    VoxelVolume::Shape shape{};  ///< nx, ny, nz
    bool fortranOrder = false;
    NpyType type;
};

NpyLayout readLayout(const std::map<std::string, PyValue>& dict, const std::string& path) {
    auto field = [&](const std::string& key, PyValue::Kind kind) -> const PyValue& {
        const auto found = dict.find(key);
        if (found == dict.end() || found->second.kind != kind)
            throw volumeError(path, fmt::format("invalid .npy header: no valid '{}' entry", key));
        return found->second;
    };
    NpyLayout layout;
    layout.type = parseDescr(field("descr", PyValue::Kind::String).text, path);
    layout.fortranOrder = field("fortran_order", PyValue::Kind::Bool).flag;
    const std::vector<std::uint64_t>& dims = field("shape", PyValue::Kind::Tuple).items;
    if (dims.size() != 2 && dims.size() != 3)
        throw volumeError(path, fmt::format("a {}-D array: expected shape (nz, ny, nx) or (ny, nx)",
                                            dims.size()));
    // numpy's last axis is our x (fastest in C order), the first of three is z.
    const std::size_t nz = dims.size() == 3 ? dims[0] : 1;
    const std::size_t ny = dims[dims.size() - 2], nx = dims[dims.size() - 1];
    if (dims[dims.size() - 1] > kMaxVoxelCount || dims[dims.size() - 2] > kMaxVoxelCount ||
        (dims.size() == 3 && dims[0] > kMaxVoxelCount))
        throw volumeError(path, "an extent larger than ssbsim can hold (corrupt header?)");
    checkVolumeSize(path, nx, ny, nz);
    layout.shape = {nx, ny, nz};
    return layout;
}

// Reads the magic, version and header; leaves `in` at the first data byte.
NpyLayout readHeader(std::istream& in, const std::string& path) {
    std::string magic(kMagic.size(), '\0');
    unsigned char version[2] = {0, 0};
    if (!in.read(magic.data(), static_cast<std::streamsize>(magic.size())) || magic != kMagic)
        throw volumeError(path, "not a NumPy .npy file (no \\x93NUMPY magic at the start)");
    if (!in.read(reinterpret_cast<char*>(version), 2))
        throw volumeError(path, "truncated .npy file (no format version)");
    if (version[0] < 1 || version[0] > 3)
        throw volumeError(path, fmt::format(".npy format version {}.{}: expected 1.0, 2.0 or 3.0",
                                            version[0], version[1]));
    const std::size_t lengthBytes = version[0] == 1 ? 2 : 4;
    unsigned char lengthField[4] = {0, 0, 0, 0};
    if (!in.read(reinterpret_cast<char*>(lengthField), static_cast<std::streamsize>(lengthBytes)))
        throw volumeError(path, "truncated .npy file (no header length)");
    std::size_t length = 0;
    for (std::size_t i = lengthBytes; i-- > 0;) length = (length << 8) | lengthField[i];
    if (length > kMaxHeaderLength)
        throw volumeError(path,
                          fmt::format("invalid .npy header length {} (corrupt file)", length));
    std::string header(length, '\0');
    if (!in.read(header.data(), static_cast<std::streamsize>(length)))
        throw volumeError(path, "truncated .npy file (header cut short)");
    HeaderParser parser(header, path);
    return readLayout(parser.parseDict(), path);
}

// Our index of the `i`-th sample in the file.
VoxelVolume::Shape voxelOfSample(std::size_t i, const NpyLayout& layout) {
    const auto [nx, ny, nz] = layout.shape;
    if (layout.fortranOrder) return {i / (nz * ny), (i / nz) % ny, i % nz};  // z fastest
    return {i % nx, (i / nx) % ny, i / (nx * ny)};                           // x fastest
}

// Fortran order holds numpy's first index (z) fastest: reorder to x fastest.
void transposeFromFortran(const std::vector<Label>& fortran, VoxelVolume& volume) {
    const auto [nx, ny, nz] = volume.shape();
    Label* out = volume.data();
    for (std::size_t z = 0; z < nz; ++z)
        for (std::size_t y = 0; y < ny; ++y)
            for (std::size_t x = 0; x < nx; ++x)
                out[x + nx * (y + ny * z)] = fortran[z + nz * (y + ny * x)];
}

}  // namespace

StoredVolume readNpyVolume(const std::string& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw volumeError(path, "no such file (expected a .npy file)");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw volumeError(path, "cannot open the file");
    const NpyLayout layout = readHeader(in, path);
    const auto dataStart = static_cast<std::uintmax_t>(in.tellg());
    const std::size_t count = layout.shape[0] * layout.shape[1] * layout.shape[2];
    const std::uintmax_t expected = dataStart + count * layout.type.size;
    const std::uintmax_t actual = fs::file_size(path, ec);
    if (ec || actual != expected)
        throw volumeError(
            path,
            fmt::format("{}: the array ({}×{}×{} {}) needs {} bytes of data, "
                        "the file has {}",
                        actual < expected ? "truncated .npy file" : "extra bytes after the array",
                        layout.shape[2], layout.shape[1], layout.shape[0], layout.type.name,
                        count * layout.type.size, actual - std::min(actual, dataStart)));

    StoredVolume stored{.volume = VoxelVolume(layout.shape, {1, 1, 1}),
                        .voxelSize = std::nullopt,
                        .storedType = layout.type.name};
    std::vector<Label> fortran(layout.fortranOrder ? count : 0);
    Label* target = layout.fortranOrder ? fortran.data() : stored.volume.data();
    const SampleCheck check = readSamples(in, layout.type, count, target);
    if (check.readFailed) throw volumeError(path, "cannot read the array data (I/O error)");
    if (check.converted < count) {
        const auto [x, y, z] = voxelOfSample(check.converted, layout);
        throw volumeError(path, notALabelProblem(check.badValue, x, y, z));
    }
    if (layout.fortranOrder) transposeFromFortran(fortran, stored.volume);
    return stored;
}

std::string npyHeader(const VoxelVolume::Shape& shape) {
    std::string dict =
        fmt::format("{{'descr': '|u1', 'fortran_order': False, 'shape': ({}, {}, {}), }}", shape[2],
                    shape[1], shape[0]);
    // magic (6) + version (2) + length (2) + dict + padding + '\n' is a multiple of 64.
    const std::size_t unpadded = kMagic.size() + 4 + dict.size() + 1;
    dict.append((kAlignment - unpadded % kAlignment) % kAlignment, ' ');
    dict += '\n';
    if (dict.size() > 65535)
        throw std::logic_error("a version 1.0 .npy header cannot exceed 65535 bytes");
    std::string header(kMagic);
    header += '\x01';
    header += '\x00';
    header += static_cast<char>(dict.size() & 0xff);
    header += static_cast<char>(dict.size() >> 8);
    return header + dict;
}

void writeNpyVolume(const std::string& path, const VoxelVolume& volume) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << npyHeader(volume.shape());
    out.write(reinterpret_cast<const char*>(volume.data()),
              static_cast<std::streamsize>(volume.voxelCount()));
    out.flush();
    if (!out) throw std::runtime_error(fmt::format("cannot write '{}'", path));
}

}  // namespace ssbsim::io
