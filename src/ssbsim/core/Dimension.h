#pragma once
// Physical dimension as integer exponents of the SI base units m, kg, s, A, K, mol.

#include <array>
#include <cstdint>
#include <string>

namespace ssbsim {

struct Dimension {
    enum Base { Length, Mass, Time, Current, Temperature, Amount, Count };
    std::array<std::int8_t, Count> exponent{};

    static constexpr Dimension of(int m, int kg, int s, int A = 0, int K = 0, int mol = 0) {
        Dimension d;
        d.exponent = {static_cast<std::int8_t>(m), static_cast<std::int8_t>(kg),
                      static_cast<std::int8_t>(s), static_cast<std::int8_t>(A),
                      static_cast<std::int8_t>(K), static_cast<std::int8_t>(mol)};
        return d;
    }
    constexpr bool dimensionless() const { return *this == Dimension{}; }
    constexpr bool operator==(const Dimension&) const = default;

    constexpr Dimension operator*(const Dimension& o) const {
        Dimension d;
        for (int i = 0; i < Count; ++i)
            d.exponent[i] = static_cast<std::int8_t>(exponent[i] + o.exponent[i]);
        return d;
    }
    constexpr Dimension operator/(const Dimension& o) const { return *this * o.pow(-1); }
    constexpr Dimension pow(int p) const {
        Dimension d;
        for (int i = 0; i < Count; ++i) d.exponent[i] = static_cast<std::int8_t>(exponent[i] * p);
        return d;
    }

    /// SI base-unit form, e.g. "kg.m-1.s-2"; "1" when dimensionless.
    std::string siString() const;
    /// A physical name when the dimension is a common one ("length", "areal capacity"), else "".
    std::string name() const;
};

}  // namespace ssbsim
