package io.tensorgrade.grader.check;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Locale;

/**
 * An exact rational number, in lowest terms with a positive denominator, for answers computed from their
 * working ({@code 57/2*57/2} is 812.25, not 812.2499...). Sizes are bounded: a value past {@link #MAX_BITS}
 * bits throws {@link NumberText.Unreadable}.
 */
record Fraction(BigInteger numerator, BigInteger denominator) {

    static final int MAX_BITS = 4096;

    Fraction {
        if (denominator.signum() == 0) {
            throw new NumberText.Unreadable("it divides by zero");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger g = numerator.gcd(denominator);
        if (g.signum() != 0 && !g.equals(BigInteger.ONE)) {
            numerator = numerator.divide(g);
            denominator = denominator.divide(g);
        }
        if (numerator.bitLength() > MAX_BITS || denominator.bitLength() > MAX_BITS) {
            throw new NumberText.Unreadable("its value is too large");
        }
    }

    /** The exact value of a decimal. */
    static Fraction of(BigDecimal d) {
        return d.scale() <= 0 ? new Fraction(d.toBigIntegerExact(), BigInteger.ONE)
                : new Fraction(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
    }

    Fraction plus(Fraction o) {
        return new Fraction(numerator.multiply(o.denominator).add(o.numerator.multiply(denominator)),
                denominator.multiply(o.denominator));
    }

    Fraction negate() {
        return new Fraction(numerator.negate(), denominator);
    }

    Fraction times(Fraction o) {
        return new Fraction(numerator.multiply(o.numerator), denominator.multiply(o.denominator));
    }

    Fraction dividedBy(Fraction o) {
        return new Fraction(numerator.multiply(o.denominator), denominator.multiply(o.numerator));
    }

    /** This to a whole power of at most 1000 in magnitude. */
    Fraction pow(Fraction exponent) {
        if (!exponent.isWhole() || exponent.numerator.abs().bitLength() > 10) {
            throw new NumberText.Unreadable("only whole powers up to 1000 are computed");
        }
        int e = exponent.numerator.intValueExact();
        if ((long) Math.max(numerator.bitLength(), denominator.bitLength()) * Math.abs(e) > MAX_BITS) {
            throw new NumberText.Unreadable("its value is too large");
        }
        Fraction p = new Fraction(numerator.pow(Math.abs(e)), denominator.pow(Math.abs(e)));
        return e < 0 ? new Fraction(p.denominator, p.numerator) : p;
    }

    /** Rounded down ({@code floor}) or up ({@code ceil}). */
    Fraction round(boolean up) {
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        BigInteger q = qr[0];
        if (qr[1].signum() != 0 && (qr[1].signum() > 0) == up) {
            q = q.add(up ? BigInteger.ONE : BigInteger.ONE.negate());
        }
        return new Fraction(q, BigInteger.ONE);
    }

    boolean isWhole() {
        return denominator.equals(BigInteger.ONE);
    }

    double doubleValue() {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), MathContext.DECIMAL64).doubleValue();
    }

    /** {@code 1,500}, or {@code 812.25} when not whole. */
    String display() {
        if (isWhole()) {
            return String.format(Locale.ROOT, "%,d", numerator);
        }
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), MathContext.DECIMAL64)
                .stripTrailingZeros().toPlainString();
    }
}
