package io.rdkafka.codegen;

import java.util.Map;

/**
 * Evaluates the integer constant expressions found in enum initialisers and {@code #define}s of
 * librdkafka's headers: literals (decimal, hex), names of earlier constants, casts such as
 * {@code (int32_t)}, unary minus, parentheses, {@code + - * | << >>}.
 */
public final class ConstExpr {
    private final String s;
    private final Map<String, Long> known;
    private int pos;

    private ConstExpr(String s, Map<String, Long> known) {
        this.s = s;
        this.known = known;
    }

    /**
     * Evaluates an integer constant expression.
     *
     * @param expr  the expression, e.g. {@code ((int32_t) - 1)} or {@code 1 << 3}
     * @param known the values of names the expression may use
     * @return its value
     * @throws IllegalArgumentException when it is not such an expression over known names
     */
    public static long eval(String expr, Map<String, Long> known) {
        ConstExpr p = new ConstExpr(expr.trim(), known);
        long v = p.or();
        p.skipWs();
        if (p.pos != p.s.length()) throw new IllegalArgumentException("unparsed rest in '" + expr + "' at " + p.pos);
        return v;
    }

    /**
     * As {@link #eval}, but null when the text is not an integer constant expression over known names.
     *
     * @param expr  the expression
     * @param known the values of names the expression may use
     * @return its value, or {@code null}
     */
    public static Long tryEval(String expr, Map<String, Long> known) {
        try {
            return eval(expr, known);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void skipWs() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
    }

    private boolean eat(String tok) {
        skipWs();
        if (s.startsWith(tok, pos)) {
            pos += tok.length();
            return true;
        }
        return false;
    }

    private long or() {
        long v = shift();
        while (true) {
            skipWs();
            if (pos < s.length() && s.charAt(pos) == '|' && !s.startsWith("||", pos)) {
                pos++;
                v |= shift();
            } else return v;
        }
    }

    private long shift() {
        long v = additive();
        while (true) {
            if (eat("<<")) v <<= additive();
            else if (eat(">>")) v >>= additive();
            else return v;
        }
    }

    private long additive() {
        long v = multiplicative();
        while (true) {
            if (eat("+")) v += multiplicative();
            else if (eat("-")) v -= multiplicative();
            else return v;
        }
    }

    private long multiplicative() {
        long v = unary();
        while (eat("*")) v *= unary();
        return v;
    }

    private long unary() {
        if (eat("-")) return -unary();
        if (eat("+")) return unary();
        if (eat("~")) return ~unary();
        skipWs();
        if (eat("(")) {
            int save = pos;
            skipWs();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                    || s.charAt(pos) == ' ')) pos++;
            String word = s.substring(start, pos).trim();
            if (eat(")") && (CType.isScalarName(word) || word.endsWith("_t")) && !known.containsKey(word)) {
                return unary(); // a cast such as (int32_t) or (int64_t)
            }
            pos = save;
            long v = or();
            if (!eat(")")) throw new IllegalArgumentException("missing ) in '" + s + "'");
            return v;
        }
        return atom();
    }

    private long atom() {
        skipWs();
        int start = pos;
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) pos++;
        String tok = s.substring(start, pos);
        if (tok.isEmpty()) throw new IllegalArgumentException("expected a value in '" + s + "' at " + start);
        if (Character.isDigit(tok.charAt(0))) {
            String digits = tok.replaceAll("(?i)[ul]+$", "");
            if (digits.startsWith("0x") || digits.startsWith("0X")) return Long.parseUnsignedLong(digits.substring(2), 16);
            return Long.parseLong(digits);
        }
        Long v = known.get(tok);
        if (v == null) throw new IllegalArgumentException("unknown name '" + tok + "' in '" + s + "'");
        return v;
    }
}
