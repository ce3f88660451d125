#pragma once
// timeseries.csv: named columns of numbers, one row per sample, readable by any spreadsheet,
// pandas or numpy. Each number is written with the fewest digits that read back to the same
// bits (shortest round trip, at most 17 significant digits for IEEE 754 binary64), so the CSV
// loses nothing compared with results.h5.

#include <string>
#include <vector>

namespace ssbsim::io {

class CsvWriter {
  public:
    /// Appends a column. Every column must have as many values as the first one, and names must
    /// be unique: std::invalid_argument naming the column otherwise.
    void addColumn(std::string name, std::vector<double> values);

    /// The whole file: a header row of names, then one row per sample, '\n' line ends. A name
    /// containing a comma, a double quote or a line break is quoted as RFC 4180 says ("a ""b"", c"
    /// for `a "b", c`). No columns give an empty string; columns without values give the header.
    /// Non-finite values are written as nan, inf and -inf, which strtod, numpy and pandas read.
    std::string str() const;

    /// Writes str() to `path` whole or not at all (see writeFileAtomically).
    void write(const std::string& path) const;

  private:
    struct Column {
        std::string name;
        std::vector<double> values;
    };
    std::vector<Column> columns_;
};

}  // namespace ssbsim::io
