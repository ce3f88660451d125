#include "ssbsim/io/VtiVolume.h"

#include <expat.h>
#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <vector>

namespace ssbsim::io {

namespace {

namespace fs = std::filesystem;

constexpr const char* kPhaseArray = "phase";
constexpr const char* kVoxelSizeField = "voxel size [m]";
constexpr const char* kPhaseLabelsField = "phase labels";
constexpr const char* kPhaseNamesField = "phase names";
constexpr std::string_view kAppendedTag = "<AppendedData";
constexpr std::string_view kAppendedEnd = "</AppendedData>";
// Deeper nesting than any VTK file has: a guard against malicious input, not a format limit.
constexpr std::size_t kMaxDepth = 64;
// Expat takes lengths as int: feed it in pieces.
constexpr std::size_t kParseChunk = std::size_t{1} << 30;

// --- XML, parsed with expat into a small tree -------------------------------------------------

struct XmlElement {
    std::string name;
    std::map<std::string, std::string, std::less<>> attributes;
    std::string text;
    std::vector<std::unique_ptr<XmlElement>> children;
    long line = 0;

    const std::string* attribute(std::string_view key) const {
        const auto found = attributes.find(key);
        return found == attributes.end() ? nullptr : &found->second;
    }
    std::vector<const XmlElement*> childrenNamed(std::string_view wanted) const {
        std::vector<const XmlElement*> found;
        for (const auto& c : children)
            if (c->name == wanted) found.push_back(c.get());
        return found;
    }
    const XmlElement* child(std::string_view wanted) const {
        const auto found = childrenNamed(wanted);
        return found.empty() ? nullptr : found.front();
    }
};

struct TreeBuilder {
    XML_Parser parser = nullptr;
    std::unique_ptr<XmlElement> root;
    std::vector<XmlElement*> open;
    bool tooDeep = false;
};

void XMLCALL startElement(void* user, const XML_Char* name, const XML_Char** attributes) {
    auto* b = static_cast<TreeBuilder*>(user);
    if (b->open.size() >= kMaxDepth) {
        b->tooDeep = true;
        XML_StopParser(b->parser, XML_FALSE);
        return;
    }
    auto element = std::make_unique<XmlElement>();
    element->name = name;
    element->line = static_cast<long>(XML_GetCurrentLineNumber(b->parser));
    for (const XML_Char** a = attributes; a[0] != nullptr; a += 2) element->attributes[a[0]] = a[1];
    XmlElement* raw = element.get();
    if (b->open.empty())
        b->root = std::move(element);
    else
        b->open.back()->children.push_back(std::move(element));
    b->open.push_back(raw);
}

void XMLCALL endElement(void* user, const XML_Char*) {
    static_cast<TreeBuilder*>(user)->open.pop_back();
}

void XMLCALL characters(void* user, const XML_Char* text, int length) {
    auto* b = static_cast<TreeBuilder*>(user);
    if (!b->open.empty()) b->open.back()->text.append(text, static_cast<std::size_t>(length));
}

std::unique_ptr<XmlElement> parseXml(std::string_view xml, const std::string& path) {
    TreeBuilder builder;
    const std::unique_ptr<std::remove_pointer_t<XML_Parser>, void (*)(XML_Parser)> parser(
        XML_ParserCreate(nullptr), XML_ParserFree);
    if (!parser) throw std::bad_alloc();
    builder.parser = parser.get();
    XML_SetUserData(parser.get(), &builder);
    XML_SetElementHandler(parser.get(), startElement, endElement);
    XML_SetCharacterDataHandler(parser.get(), characters);
    bool ok = true;
    for (std::size_t at = 0; ok && at <= xml.size(); at += kParseChunk) {
        const std::size_t n = std::min(kParseChunk, xml.size() - at);
        const bool last = at + n >= xml.size();
        ok = XML_Parse(parser.get(), xml.data() + at, static_cast<int>(n), last ? 1 : 0) ==
             XML_STATUS_OK;
        if (last) break;
    }
    if (builder.tooDeep) throw volumeError(path, "XML nested deeper than any VTK file (corrupt?)");
    if (!ok)
        throw InputError(
            fmt::format("not well-formed XML: {}", XML_ErrorString(XML_GetErrorCode(parser.get()))),
            SourceLocation{.file = path,
                           .line = static_cast<int>(XML_GetCurrentLineNumber(parser.get())),
                           .column = static_cast<int>(XML_GetCurrentColumnNumber(parser.get())) + 1,
                           .keyPath = ""});
    if (!builder.root) throw volumeError(path, "no XML element (empty file?)");
    return std::move(builder.root);
}

// --- VTK types and numbers --------------------------------------------------------------------

struct VtkType {
    unsigned size = 1;
    bool isSigned = false;
};

VtkType parseType(const std::string& name, const std::string& path, const std::string& array) {
    static const std::map<std::string, VtkType, std::less<>> types = {
        {"Int8", {1, true}},  {"UInt8", {1, false}},  {"Int16", {2, true}}, {"UInt16", {2, false}},
        {"Int32", {4, true}}, {"UInt32", {4, false}}, {"Int64", {8, true}}, {"UInt64", {8, false}},
        {"Char", {1, true}},  {"UChar", {1, false}}};
    const auto found = types.find(name);
    if (found != types.end()) return found->second;
    throw volumeError(
        path,
        fmt::format("array '{}' has type {}: phase labels must be an integer "
                    "type (Int8 ... UInt64) holding 0..255{}",
                    array, name, name.starts_with("Float") ? " (segment the image first)" : ""));
}

// Whitespace-separated numbers ("0 7 0 5 0 3"); empty when the text is anything else.
template <typename Number>
std::vector<Number> numbers(std::string_view text) {
    std::vector<Number> values;
    const char* p = text.data();
    const char* end = text.data() + text.size();
    while (true) {
        while (p < end && std::isspace(static_cast<unsigned char>(*p))) ++p;
        if (p == end) return values;
        Number v{};
        const auto [next, ec] = std::from_chars(p, end, v);
        if (ec != std::errc()) return {};  // not a list of numbers: the caller reports it
        values.push_back(v);
        p = next;
    }
}

// The numbers of attribute `key`, which must be exactly `count` of them.
template <typename Number>
std::vector<Number> numberAttribute(const XmlElement& e, const char* key, std::size_t count,
                                    const std::string& path) {
    const std::string* text = e.attribute(key);
    const std::vector<Number> values = text ? numbers<Number>(*text) : std::vector<Number>{};
    if (values.size() != count)
        throw volumeError(
            path, fmt::format("<{}> (line {}): attribute {}=\"{}\" must be {} numbers", e.name,
                              e.line, key, text ? *text : "", count));
    return values;
}

// --- binary data ------------------------------------------------------------------------------

struct Encoding {
    bool bigEndian = false;
    unsigned headerBytes = 4;  ///< UInt32 (VTK's default) or UInt64
    bool zlib = false;
};

std::uint64_t headerWord(const unsigned char* p, const Encoding& e) {
    std::uint64_t v = 0;
    for (unsigned i = 0; i < e.headerBytes; ++i) {
        const unsigned byte = e.bigEndian ? i : e.headerBytes - 1 - i;
        v = (v << 8) | p[byte];
    }
    return v;
}

// Decodes base64 `text` (whitespace ignored, stops at '=' padding).
std::vector<unsigned char> decodeBase64(std::string_view text, const std::string& path) {
    static const auto table = [] {
        std::array<int, 256> t{};
        t.fill(-1);
        const std::string_view alphabet =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (std::size_t i = 0; i < alphabet.size(); ++i)
            t[static_cast<unsigned char>(alphabet[i])] = static_cast<int>(i);
        return t;
    }();
    std::vector<unsigned char> out;
    out.reserve(text.size() / 4 * 3);
    unsigned bits = 0, accumulated = 0;
    for (const char c : text) {
        if (c == '=') break;
        if (std::isspace(static_cast<unsigned char>(c))) continue;
        const int v = table[static_cast<unsigned char>(c)];
        if (v < 0) throw volumeError(path, fmt::format("invalid character '{}' in base64 data", c));
        accumulated = (accumulated << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<unsigned char>((accumulated >> bits) & 0xffu));
        }
    }
    return out;
}

std::size_t base64Length(std::size_t bytes) {
    return 4 * ((bytes + 2) / 3);
}

InputError truncated(const std::string& path, const std::string& array) {
    return volumeError(path, fmt::format("the data of array '{}' is truncated", array));
}

// What an array's header promises, checked against the bytes the extent needs before anything is
// allocated or inflated.
struct BlockLayout {
    std::uint64_t blocks = 0, blockSize = 0, lastSize = 0;
    std::vector<std::uint64_t> compressedSizes;
    std::uint64_t compressedTotal = 0;
};

BlockLayout blockLayout(const unsigned char* header, std::size_t available, const Encoding& e,
                        std::size_t expected, const std::string& path, const std::string& array) {
    const std::size_t hb = e.headerBytes;
    if (available < 3 * hb) throw truncated(path, array);
    BlockLayout b;
    b.blocks = headerWord(header, e);
    b.blockSize = headerWord(header + hb, e);
    b.lastSize = headerWord(header + 2 * hb, e);
    const std::uint64_t last = b.lastSize != 0 ? b.lastSize : b.blockSize;
    if (b.blocks == 0 || b.blocks > expected + 1 || b.blockSize == 0 || last > b.blockSize ||
        (b.blocks - 1) * b.blockSize + last != expected)
        throw volumeError(path,
                          fmt::format("array '{}': compression header ({} blocks of {} bytes, "
                                      "last {}) does not match the {} bytes of the extent",
                                      array, b.blocks, b.blockSize, b.lastSize, expected));
    if (available < (3 + b.blocks) * hb) throw truncated(path, array);
    for (std::uint64_t i = 0; i < b.blocks; ++i) {
        b.compressedSizes.push_back(headerWord(header + (3 + i) * hb, e));
        b.compressedTotal += b.compressedSizes.back();
    }
    // Deflate compresses at most 1032:1 (RFC 1951: 258-byte matches coded in 2 bits); more is a
    // corrupt header, refused before the output is allocated.
    if (expected > 1032 * b.compressedTotal + 64 * b.blocks)
        throw volumeError(path, fmt::format("array '{}': {} compressed bytes cannot hold {} bytes "
                                            "(corrupt compression header)",
                                            array, b.compressedTotal, expected));
    return b;
}

std::vector<unsigned char> inflateBlocks(const BlockLayout& b, const unsigned char* data,
                                         std::size_t expected, const std::string& path,
                                         const std::string& array) {
    std::vector<unsigned char> out(expected);
    std::size_t in = 0, at = 0;
    for (std::uint64_t i = 0; i < b.blocks; ++i) {
        const std::uint64_t want =
            (i + 1 == b.blocks && b.lastSize != 0) ? b.lastSize : b.blockSize;
        uLongf got = static_cast<uLongf>(want);
        const int status =
            uncompress(out.data() + at, &got, data + in, static_cast<uLong>(b.compressedSizes[i]));
        if (status != Z_OK || got != want)
            throw volumeError(path, fmt::format("array '{}': zlib block {} of {} is corrupt ({})",
                                                array, i + 1, b.blocks, zError(status)));
        in += b.compressedSizes[i];
        at += want;
    }
    return out;
}

// An array stored as raw bytes (appended, encoding="raw"), starting at `data`.
std::vector<unsigned char> rawArrayBytes(std::string_view data, const Encoding& e,
                                         std::size_t expected, const std::string& path,
                                         const std::string& array) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
    const std::size_t hb = e.headerBytes;
    if (!e.zlib) {
        if (data.size() < hb) throw truncated(path, array);
        const std::uint64_t n = headerWord(bytes, e);
        if (n != expected)
            throw volumeError(path, fmt::format("array '{}' holds {} bytes, its extent needs {}",
                                                array, n, expected));
        if (data.size() - hb < n) throw truncated(path, array);
        return {bytes + hb, bytes + hb + n};
    }
    const BlockLayout b = blockLayout(bytes, data.size(), e, expected, path, array);
    const std::size_t headerSize = (3 + b.blocks) * hb;
    if (data.size() - headerSize < b.compressedTotal) throw truncated(path, array);
    return inflateBlocks(b, bytes + headerSize, expected, path, array);
}

// An array stored as base64 text (inline format="binary", or appended encoding="base64"). VTK
// encodes an uncompressed array's byte count together with the data, other writers encode them
// separately (the count then ends in '=' padding); a compression header is always separate.
std::vector<unsigned char> base64ArrayBytes(std::string_view text, const Encoding& e,
                                            std::size_t expected, const std::string& path,
                                            const std::string& array) {
    std::string compact;
    compact.reserve(text.size());
    for (const char c : text)
        if (!std::isspace(static_cast<unsigned char>(c))) compact += c;
    const std::string_view t(compact);
    const std::size_t hb = e.headerBytes;
    auto decodePrefix = [&](std::size_t from, std::size_t bytes) {
        if (t.size() < from) throw truncated(path, array);
        std::vector<unsigned char> out = decodeBase64(t.substr(from, base64Length(bytes)), path);
        if (out.size() < bytes) throw truncated(path, array);
        out.resize(bytes);
        return out;
    };
    if (!e.zlib) {
        const std::size_t headerText = base64Length(hb);
        const std::vector<unsigned char> first = decodeBase64(t.substr(0, headerText), path);
        if (first.size() < hb) throw truncated(path, array);
        const std::uint64_t n = headerWord(first.data(), e);
        if (n != expected)
            throw volumeError(path, fmt::format("array '{}' holds {} bytes, its extent needs {}",
                                                array, n, expected));
        if (first.size() == hb) return decodePrefix(headerText, n);  // separately encoded
        std::vector<unsigned char> all = decodePrefix(0, hb + n);
        return {all.begin() + static_cast<std::ptrdiff_t>(hb), all.end()};
    }
    const std::vector<unsigned char> start = decodePrefix(0, 3 * hb);
    const std::uint64_t blocks = headerWord(start.data(), e);
    if (blocks > expected + 1)
        throw volumeError(path, fmt::format("array '{}': corrupt compression header", array));
    const std::size_t headerSize = (3 + blocks) * hb;
    const std::vector<unsigned char> header = decodePrefix(0, headerSize);
    const BlockLayout b = blockLayout(header.data(), header.size(), e, expected, path, array);
    const std::vector<unsigned char> data =
        decodePrefix(base64Length(headerSize), b.compressedTotal);
    return inflateBlocks(b, data.data(), expected, path, array);
}

// --- the file ---------------------------------------------------------------------------------

struct VtiFile {
    std::string bytes;                 ///< the whole file
    std::unique_ptr<XmlElement> root;  ///< <VTKFile>
    std::string_view appended;         ///< after the '_' of <AppendedData>, up to its end tag
    std::string appendedEncoding;
};

VtiFile loadVti(const std::string& path) {
    VtiFile file;
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(path, ec);
    std::ifstream in(path, std::ios::binary);
    if (ec || !in) throw volumeError(path, "cannot open the file");
    file.bytes.resize(size);
    if (!in.read(file.bytes.data(), static_cast<std::streamsize>(size)))
        throw volumeError(path, "cannot read the file (I/O error)");
    const std::string_view all(file.bytes);
    if (all.find_first_not_of(" \t\r\n") == std::string_view::npos)
        throw volumeError(path, "the file is empty");
    const std::size_t tag = all.find(kAppendedTag);
    if (tag == std::string_view::npos) {
        file.root = parseXml(all, path);
        return file;
    }
    // Appended data is not XML (raw bytes may contain anything): parse the XML before it,
    // closing the two open elements, and slice the data out by hand.
    const std::size_t tagEnd = all.find('>', tag);
    const std::size_t underscore =
        tagEnd == std::string_view::npos ? tagEnd : all.find('_', tagEnd);
    if (underscore == std::string_view::npos)
        throw volumeError(path, "truncated file: <AppendedData> without its '_' data marker");
    std::string xml(all.substr(0, tagEnd + 1));
    xml += "</AppendedData></VTKFile>";
    file.root = parseXml(xml, path);
    const std::size_t end = all.rfind(kAppendedEnd);
    if (end == std::string_view::npos || end < underscore ||
        all.substr(end + kAppendedEnd.size()).find("</VTKFile>") == std::string_view::npos)
        throw volumeError(path, "truncated file: no </AppendedData></VTKFile> after the data");
    file.appended = all.substr(underscore + 1, end - underscore - 1);
    const XmlElement* appended = file.root->child("AppendedData");
    const std::string* encoding = appended ? appended->attribute("encoding") : nullptr;
    file.appendedEncoding = encoding ? *encoding : "raw";
    return file;
}

Encoding fileEncoding(const XmlElement& root, const std::string& path) {
    Encoding e;
    if (const std::string* order = root.attribute("byte_order")) {
        if (*order != "LittleEndian" && *order != "BigEndian")
            throw volumeError(path, fmt::format("byte_order=\"{}\": expected LittleEndian or "
                                                "BigEndian",
                                                *order));
        e.bigEndian = *order == "BigEndian";
    }
    if (const std::string* header = root.attribute("header_type")) {
        if (*header != "UInt32" && *header != "UInt64")
            throw volumeError(
                path, fmt::format("header_type=\"{}\": expected UInt32 or UInt64", *header));
        e.headerBytes = *header == "UInt64" ? 8 : 4;
    }
    if (const std::string* compressor = root.attribute("compressor")) {
        if (*compressor != "vtkZLibDataCompressor")
            throw volumeError(path, fmt::format("compressor {} is not supported: save the file "
                                                "uncompressed or with zlib",
                                                *compressor));
        e.zlib = true;
    }
    return e;
}

// The uncompressed bytes of a binary (inline or appended) data array.
std::vector<unsigned char> arrayBytes(const VtiFile& file, const XmlElement& array,
                                      const Encoding& e, std::size_t expected,
                                      const std::string& path, const std::string& name) {
    const std::string* format = array.attribute("format");
    if (format && *format == "binary") return base64ArrayBytes(array.text, e, expected, path, name);
    if (!format || *format != "appended")
        throw volumeError(
            path, fmt::format("array '{}': unknown format \"{}\"", name, format ? *format : ""));
    const std::vector<std::uint64_t> offset =
        numberAttribute<std::uint64_t>(array, "offset", 1, path);
    if (offset[0] > file.appended.size()) throw truncated(path, name);
    const std::string_view data = file.appended.substr(offset[0]);
    if (file.appendedEncoding == "base64") return base64ArrayBytes(data, e, expected, path, name);
    if (file.appendedEncoding != "raw")
        throw volumeError(path, fmt::format("AppendedData encoding \"{}\": expected raw or base64",
                                            file.appendedEncoding));
    return rawArrayBytes(data, e, expected, path, name);
}

void asciiToLabels(const XmlElement& array, std::size_t count, const VoxelVolume::Shape& shape,
                   std::vector<Label>& out, const std::string& path, const std::string& name) {
    const std::vector<long long> values = numbers<long long>(array.text);
    if (values.size() != count)
        throw volumeError(path, fmt::format("array '{}' (line {}): {} ascii values, its extent "
                                            "needs {} (or a value is not an integer)",
                                            name, array.line, values.size(), count));
    out.resize(count);
    const std::size_t good = narrowToLabels(values.data(), count, out.data());
    if (good < count)
        throw volumeError(
            path, notALabelProblem(values[good], good % shape[0], (good / shape[0]) % shape[1],
                                   good / (shape[0] * shape[1])));
}

void binaryToLabels(const std::vector<unsigned char>& bytes, const VtkType& type, bool swap,
                    const VoxelVolume::Shape& shape, Label* out, const std::string& path) {
    const std::size_t count = shape[0] * shape[1] * shape[2];
    SampleCheck check;
    if (type.isSigned) {
        switch (type.size) {
            case 1:
                check = convertLabelSamples<std::int8_t>(bytes.data(), count, swap, out);
                break;
            case 2:
                check = convertLabelSamples<std::int16_t>(bytes.data(), count, swap, out);
                break;
            case 4:
                check = convertLabelSamples<std::int32_t>(bytes.data(), count, swap, out);
                break;
            default:
                check = convertLabelSamples<std::int64_t>(bytes.data(), count, swap, out);
        }
    } else {
        switch (type.size) {
            case 1:
                check = convertLabelSamples<std::uint8_t>(bytes.data(), count, swap, out);
                break;
            case 2:
                check = convertLabelSamples<std::uint16_t>(bytes.data(), count, swap, out);
                break;
            case 4:
                check = convertLabelSamples<std::uint32_t>(bytes.data(), count, swap, out);
                break;
            default:
                check = convertLabelSamples<std::uint64_t>(bytes.data(), count, swap, out);
        }
    }
    if (check.converted < count) {
        const std::size_t i = check.converted;
        throw volumeError(path,
                          notALabelProblem(check.badValue, i % shape[0], (i / shape[0]) % shape[1],
                                           i / (shape[0] * shape[1])));
    }
}

// The array holding the labels: "phase", else the active scalars, else the only array; cell
// data before point data.
struct LabelArray {
    const XmlElement* array = nullptr;
    bool cellData = true;
};

LabelArray findLabelArray(const XmlElement& piece, const std::string& path) {
    for (const bool cells : {true, false}) {
        const XmlElement* data = piece.child(cells ? "CellData" : "PointData");
        if (!data) continue;
        const std::vector<const XmlElement*> arrays = data->childrenNamed("DataArray");
        const std::string* scalars = data->attribute("Scalars");
        for (const std::string& wanted :
             {std::string(kPhaseArray), scalars ? *scalars : std::string()})
            for (const XmlElement* a : arrays)
                if (const std::string* name = a->attribute("Name");
                    name && !wanted.empty() && *name == wanted)
                    return {a, cells};
    }
    LabelArray only;
    int count = 0;
    for (const bool cells : {true, false})
        if (const XmlElement* data = piece.child(cells ? "CellData" : "PointData"))
            for (const XmlElement* a : data->childrenNamed("DataArray")) {
                only = {a, cells};
                ++count;
            }
    if (count != 1)
        throw volumeError(path,
                          fmt::format("{} data arrays and none named \"phase\" or marked as "
                                      "the active Scalars: cannot tell which holds the labels",
                                      count));
    return only;
}

std::optional<VoxelVolume::Spacing> readVoxelSizeField(const XmlElement* fieldData,
                                                       const std::string& path) {
    if (!fieldData) return std::nullopt;
    for (const XmlElement* a : fieldData->childrenNamed("DataArray")) {
        const std::string* name = a->attribute("Name");
        if (!name || *name != kVoxelSizeField) continue;
        const std::vector<double> h = numbers<double>(a->text);
        if (h.size() != 3 || !(h[0] > 0.0 && h[1] > 0.0 && h[2] > 0.0))
            throw volumeError(path, fmt::format("field '{}' (line {}) must hold 3 positive numbers",
                                                kVoxelSizeField, a->line));
        return VoxelVolume::Spacing{h[0], h[1], h[2]};
    }
    return std::nullopt;
}

// Phase names from the field data we write (ascii "phase labels" and "phase names"; a String
// array in ascii holds each string's bytes as numbers, each string ended by 0).
std::map<Label, std::string> readPhaseNames(const XmlElement* fieldData) {
    std::map<Label, std::string> names;
    if (!fieldData) return names;
    const XmlElement *labels = nullptr, *strings = nullptr;
    for (const XmlElement* a : fieldData->childrenNamed("DataArray")) {
        const std::string* name = a->attribute("Name");
        const std::string* format = a->attribute("format");
        if (!name || !format || *format != "ascii") continue;
        if (*name == kPhaseLabelsField) labels = a;
        if (*name == kPhaseNamesField) strings = a;
    }
    if (!labels || !strings) return names;
    const std::vector<long long> label = numbers<long long>(labels->text);
    std::vector<std::string> text(1);
    for (const long long c : numbers<long long>(strings->text)) {
        if (c == 0)
            text.emplace_back();
        else
            text.back() += static_cast<char>(c);
    }
    for (std::size_t i = 0; i < label.size() && i < text.size(); ++i)
        if (label[i] >= 0 && label[i] <= 255) names[static_cast<Label>(label[i])] = text[i];
    return names;
}

// A String array in ascii: every byte as a number, each string ended by 0 (as VTK writes it).
std::string asciiStrings(const std::map<Label, std::string>& names) {
    std::string out;
    for (const auto& [label, name] : names) {
        for (const char c : name)
            out += fmt::format("{} ", static_cast<unsigned>(static_cast<unsigned char>(c)));
        out += "0 ";
    }
    if (!out.empty()) out.pop_back();
    return out;
}

}  // namespace

StoredVolume readVtiVolume(const std::string& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw volumeError(path, "no such file (expected a .vti file)");
    const VtiFile file = loadVti(path);
    const XmlElement& root = *file.root;
    const std::string* type = root.attribute("type");
    if (root.name != "VTKFile" || !type)
        throw volumeError(path, fmt::format("root element <{}>: expected a VTK XML file (<VTKFile "
                                            "type=\"ImageData\">)",
                                            root.name));
    if (*type != "ImageData")
        throw volumeError(
            path, fmt::format("a VTK XML file of type {}: expected ImageData (.vti)", *type));
    const Encoding encoding = fileEncoding(root, path);
    const XmlElement* image = root.child("ImageData");
    if (!image) throw volumeError(path, "no <ImageData> element");
    const std::vector<const XmlElement*> pieces = image->childrenNamed("Piece");
    if (pieces.size() != 1)
        throw volumeError(path, fmt::format("{} pieces: expected one (save the image as a single "
                                            "piece)",
                                            pieces.size()));
    const std::vector<long long> extent = numberAttribute<long long>(*pieces[0], "Extent", 6, path);
    const LabelArray labels = findLabelArray(*pieces[0], path);
    const std::string* arrayName = labels.array->attribute("Name");
    const std::string name = arrayName ? *arrayName : "(unnamed)";
    if (const std::string* components = labels.array->attribute("NumberOfComponents");
        components && *components != "1")
        throw volumeError(
            path, fmt::format("array '{}' has {} components: labels have one", name, *components));
    // Cells along an axis: the extent's range (at least 1 for a flat image); points: range + 1.
    VoxelVolume::Shape shape{};
    for (std::size_t a = 0; a < 3; ++a) {
        const long long range = extent[2 * a + 1] - extent[2 * a];
        if (range < 0 || range >= static_cast<long long>(kMaxVoxelCount))
            throw volumeError(path, fmt::format("invalid Extent on line {}", pieces[0]->line));
        shape[a] = labels.cellData ? static_cast<std::size_t>(std::max(range, 1LL))
                                   : static_cast<std::size_t>(range + 1);
    }
    checkVolumeSize(path, shape[0], shape[1], shape[2]);
    const VtkType sample = parseType(
        labels.array->attribute("type") ? *labels.array->attribute("type") : "", path, name);
    const std::size_t count = shape[0] * shape[1] * shape[2];

    // The labels are allocated only once the data for them is known to be in the file.
    std::vector<Label> values;
    const std::string* format = labels.array->attribute("format");
    if (format && *format == "ascii") {
        asciiToLabels(*labels.array, count, shape, values, path, name);
    } else {
        const std::vector<unsigned char> bytes =
            arrayBytes(file, *labels.array, encoding, count * sample.size, path, name);
        const bool swap = encoding.bigEndian != (std::endian::native == std::endian::big);
        values.resize(count);
        binaryToLabels(bytes, sample, swap, shape, values.data(), path);
    }
    const XmlElement* fieldData = image->child("FieldData");
    StoredVolume stored{
        .volume = VoxelVolume(shape, {1, 1, 1}, std::move(values)),
        .voxelSize = readVoxelSizeField(fieldData, path),
        .storedType = fmt::format("{}int{}", sample.isSigned ? "" : "u", 8 * sample.size)};
    stored.volume.phaseNames() = readPhaseNames(fieldData);
    return stored;
}

std::string vtiXmlHeader(const VoxelVolume& volume) {
    const auto [nx, ny, nz] = volume.shape();
    const auto& h = volume.voxelSize();
    const auto [lo, hi] = std::minmax_element(volume.labels().begin(), volume.labels().end());
    std::string fields = fmt::format(
        "      <DataArray type=\"Float64\" Name=\"{}\" NumberOfTuples=\"3\" format=\"ascii\">{} {} "
        "{}</DataArray>\n",
        kVoxelSizeField, h[0], h[1], h[2]);
    if (!volume.phaseNames().empty()) {
        std::string labels;
        for (const auto& [label, name] : volume.phaseNames())
            labels += fmt::format("{}{}", labels.empty() ? "" : " ", static_cast<unsigned>(label));
        fields += fmt::format(
            "      <DataArray type=\"UInt8\" Name=\"{}\" NumberOfTuples=\"{}\" "
            "format=\"ascii\">{}</DataArray>\n"
            "      <DataArray type=\"String\" Name=\"{}\" NumberOfTuples=\"{}\" "
            "format=\"ascii\">{}</DataArray>\n",
            kPhaseLabelsField, volume.phaseNames().size(), labels, kPhaseNamesField,
            volume.phaseNames().size(), asciiStrings(volume.phaseNames()));
    }
    return fmt::format(
        "<?xml version=\"1.0\"?>\n"
        "<!-- ssbsim voxel volume: one phase label per voxel (cell data \"phase\", x fastest); "
        "Spacing and \"voxel size [m]\" in metres. -->\n"
        "<VTKFile type=\"ImageData\" version=\"1.0\" byte_order=\"LittleEndian\" "
        "header_type=\"UInt64\">\n"
        "  <ImageData WholeExtent=\"0 {0} 0 {1} 0 {2}\" Origin=\"0 0 0\" Spacing=\"{3} {4} {5}\">\n"
        "    <FieldData>\n{6}    </FieldData>\n"
        "    <Piece Extent=\"0 {0} 0 {1} 0 {2}\">\n"
        "      <PointData>\n      </PointData>\n"
        "      <CellData Scalars=\"{7}\">\n"
        "        <DataArray type=\"UInt8\" Name=\"{7}\" format=\"appended\" RangeMin=\"{8}\" "
        "RangeMax=\"{9}\" offset=\"0\"/>\n"
        "      </CellData>\n"
        "    </Piece>\n"
        "  </ImageData>\n"
        "  <AppendedData encoding=\"raw\">\n"
        "   _",
        nx, ny, nz, h[0], h[1], h[2], fields, kPhaseArray, static_cast<unsigned>(*lo),
        static_cast<unsigned>(*hi));
}

void writeVtiVolume(const std::string& path, const VoxelVolume& volume) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << vtiXmlHeader(volume);
    // The UInt64 byte count, little endian, then the labels.
    std::uint64_t bytes = volume.voxelCount();
    std::array<char, 8> count{};
    for (char& c : count) {
        c = static_cast<char>(bytes & 0xffu);
        bytes >>= 8;
    }
    out.write(count.data(), count.size());
    out.write(reinterpret_cast<const char*>(volume.data()),
              static_cast<std::streamsize>(volume.voxelCount()));
    out << "\n  </AppendedData>\n</VTKFile>\n";
    out.flush();
    if (!out) throw std::runtime_error(fmt::format("cannot write '{}'", path));
}

}  // namespace ssbsim::io
