package io.rdkafka.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parser for the subset of C that librdkafka's public headers use: exported function declarations
 * ({@code RD_EXPORT}), enums, numeric and string {@code #define}s and function-type typedefs.
 * It is not a C compiler; it knows the shapes these two headers have and fails loudly on others.
 */
public final class CHeader {

    /**
     * One C parameter or return type, with the parameter's name ({@code null} for a return type).
     *
     * @param type            the C type as written, without the name
     * @param name            the parameter's name, or {@code null}
     * @param functionPointer the signature when the parameter is a function pointer, else {@code null}
     */
    public record CParam(String type, String name, CFunctionType functionPointer) {
        /** {@return the FFM carrier: {@link CType#ADDRESS} for a function pointer} */
        public CType ctype() {
            return functionPointer != null ? CType.ADDRESS : CType.of(type);
        }
    }

    /**
     * The signature of a function pointer or a function typedef.
     *
     * @param returnType the C return type
     * @param params     the parameters
     */
    public record CFunctionType(String returnType, List<CParam> params) {
        /**
         * {@return the C declaration of a pointer to this function type, e.g. {@code int (*cb)(void *opaque)}}
         *
         * @param name the pointer's name
         */
        public String render(String name) {
            StringBuilder sb = new StringBuilder(returnType).append(" (*").append(name).append(")(");
            for (int i = 0; i < params.size(); i++) {
                if (i > 0) sb.append(", ");
                sb.append(params.get(i).type());
                if (params.get(i).name() != null) sb.append(' ').append(params.get(i).name());
            }
            return sb.append(')').toString();
        }
    }

    /**
     * An exported function.
     *
     * @param name        the C name
     * @param returnType  the C return type
     * @param params      the parameters, without the {@code ...} of a variadic function
     * @param variadic    whether the function ends with {@code ...}
     * @param deprecated  whether the header marks it {@code RD_DEPRECATED}
     * @param declaration the normalised C text, for documentation
     */
    public record CFunction(String name, String returnType, List<CParam> params, boolean variadic,
                            boolean deprecated, String declaration) {
    }

    /**
     * An enum value.
     *
     * @param name  the C name
     * @param value the value
     */
    public record CEnumConstant(String name, long value) {
    }

    /**
     * A C enum.
     *
     * @param typeName  the typedef name, e.g. {@code rd_kafka_resp_err_t}
     * @param constants the values, in declaration order
     */
    public record CEnum(String typeName, List<CEnumConstant> constants) {
    }

    private final Map<String, CFunction> functions = new LinkedHashMap<>();
    private final Map<String, CEnum> enums = new LinkedHashMap<>();
    private final Map<String, String> defines = new LinkedHashMap<>();
    private final Map<String, CFunctionType> functionTypedefs = new LinkedHashMap<>();

    private CHeader() {
    }

    /** {@return the exported functions by name, in header order} */
    public Map<String, CFunction> functions() {
        return functions;
    }

    /** {@return the enums by type name, in header order} */
    public Map<String, CEnum> enums() {
        return enums;
    }

    /** {@return the raw {@code #define NAME value} texts by name, continuation lines joined, comments removed} */
    public Map<String, String> defines() {
        return defines;
    }

    /** {@return the function typedefs (callback types) by name} */
    public Map<String, CFunctionType> functionTypedefs() {
        return functionTypedefs;
    }

    /**
     * Parses a header.
     *
     * @param text the header's text
     * @return what it declares
     * @throws IllegalStateException for a declaration of a shape the parser does not know
     */
    public static CHeader parse(String text) {
        CHeader h = new CHeader();
        String src = stripComments(text).replace("\\\r\n", " ").replace("\\\n", " ");
        h.parseDefines(src);
        String code = removePreprocessorLines(src);
        h.parseEnums(code);
        h.parseFunctionTypedefs(code);
        h.parseFunctions(code);
        return h;
    }

    /**
     * Merges another header (e.g. rdkafka_mock.h) into this one; enums may refer to each other.
     *
     * @param other the other header
     * @return this header
     */
    public CHeader merge(CHeader other) {
        functions.putAll(other.functions);
        enums.putAll(other.enums);
        defines.putAll(other.defines);
        functionTypedefs.putAll(other.functionTypedefs);
        return this;
    }

    static String stripComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                int j = i + 1;
                while (j < n && s.charAt(j) != '"') j += s.charAt(j) == '\\' ? 2 : 1;
                out.append(s, i, Math.min(n, j + 1));
                i = j + 1;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                // keep line structure so #define lines stay intact
                String comment = s.substring(i, end < 0 ? n : end + 2);
                comment.chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                out.append(' ');
                i = end < 0 ? n : end + 2;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String removePreprocessorLines(String src) {
        StringBuilder out = new StringBuilder(src.length());
        for (String line : src.split("\n", -1)) {
            if (!line.stripLeading().startsWith("#")) out.append(line);
            out.append('\n');
        }
        return out.toString();
    }

    private static final Pattern DEFINE = Pattern.compile("^\\s*#\\s*define\\s+(\\w+)(?!\\()\\s+(.+?)\\s*$",
            Pattern.MULTILINE);

    private void parseDefines(String src) {
        Matcher m = DEFINE.matcher(src);
        while (m.find()) {
            defines.put(m.group(1), m.group(2).replaceAll("\\s+", " ").trim());
        }
    }

    private static final Pattern ENUM = Pattern.compile(
            "typedef\\s+enum\\s*(\\w*)\\s*\\{(.*?)\\}\\s*(\\w+)\\s*;", Pattern.DOTALL);

    private void parseEnums(String code) {
        Matcher m = ENUM.matcher(code);
        while (m.find()) {
            String typeName = m.group(3);
            List<CEnumConstant> constants = new ArrayList<>();
            Map<String, Long> known = new LinkedHashMap<>();
            enums.values().forEach(e -> e.constants().forEach(c -> known.put(c.name(), c.value())));
            long next = 0;
            for (String item : m.group(2).split(",")) {
                String entry = item.trim();
                if (entry.isEmpty()) continue;
                String name;
                long value;
                int eq = entry.indexOf('=');
                if (eq >= 0) {
                    name = entry.substring(0, eq).trim();
                    value = ConstExpr.eval(entry.substring(eq + 1), known);
                } else {
                    name = entry;
                    value = next;
                }
                known.put(name, value);
                constants.add(new CEnumConstant(name, value));
                next = value + 1;
            }
            enums.put(typeName, new CEnum(typeName, List.copyOf(constants)));
        }
    }

    private static final Pattern FN_TYPEDEF = Pattern.compile(
            "typedef\\s+([\\w\\s\\*]+?)\\s*\\(\\s*(\\w+)\\s*\\)\\s*\\((.*?)\\)\\s*;", Pattern.DOTALL);

    private void parseFunctionTypedefs(String code) {
        Matcher m = FN_TYPEDEF.matcher(code);
        while (m.find()) {
            String ret = normalizeType(m.group(1));
            functionTypedefs.put(m.group(2), new CFunctionType(ret, parseParams(m.group(3)).params));
        }
    }

    private static final Pattern EXPORT = Pattern.compile("\\bRD_EXPORT\\b(.*?);", Pattern.DOTALL);

    private void parseFunctions(String code) {
        Matcher m = EXPORT.matcher(code);
        while (m.find()) {
            String decl = m.group(1).replaceAll("\\s+", " ").trim();
            boolean deprecated = decl.contains("RD_DEPRECATED");
            decl = decl.replace("RD_DEPRECATED", "").replaceAll("RD_FORMAT\\s*\\([^)]*\\)", "")
                    .replaceAll("RD_UNUSED", "").trim();
            int open = decl.indexOf('(');
            int close = matchingParen(decl, open);
            if (open < 0 || close < 0) throw new IllegalStateException("cannot parse declaration: " + decl);
            String head = decl.substring(0, open).trim();
            Matcher nm = Pattern.compile("(\\w+)$").matcher(head);
            if (!nm.find()) throw new IllegalStateException("no function name in: " + decl);
            String name = nm.group(1);
            String ret = normalizeType(head.substring(0, nm.start()));
            ParsedParams pp = parseParams(decl.substring(open + 1, close));
            String normalized = ret + " " + name + "(" + decl.substring(open + 1, close).trim() + ")";
            functions.put(name, new CFunction(name, ret, pp.params, pp.variadic, deprecated, normalized));
        }
    }

    private record ParsedParams(List<CParam> params, boolean variadic) {
    }

    private static int matchingParen(String s, int open) {
        if (open < 0) return -1;
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == '(') depth++;
            else if (s.charAt(i) == ')' && --depth == 0) return i;
        }
        return -1;
    }

    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i).trim());
                start = i + 1;
            }
        }
        String last = s.substring(start).trim();
        if (!last.isEmpty()) parts.add(last);
        return parts;
    }

    private static final Pattern FN_POINTER_PARAM = Pattern.compile(
            "^(.*?)\\(\\s*\\*\\s*(\\w*)\\s*\\)\\s*\\((.*)\\)$", Pattern.DOTALL);

    private static ParsedParams parseParams(String text) {
        List<CParam> params = new ArrayList<>();
        boolean variadic = false;
        String t = text.trim();
        if (t.isEmpty() || t.equals("void")) return new ParsedParams(params, false);
        int index = 0;
        for (String p : splitTopLevel(t)) {
            if (p.equals("...")) {
                variadic = true;
                continue;
            }
            Matcher fp = FN_POINTER_PARAM.matcher(p);
            if (fp.matches()) {
                String ret = normalizeType(fp.group(1));
                CFunctionType ft = new CFunctionType(ret, parseParams(fp.group(3)).params);
                String name = fp.group(2).isEmpty() ? "arg" + index : fp.group(2);
                params.add(new CParam(ft.render(""), name, ft));
            } else {
                String norm = p.replaceAll("\\s*\\*\\s*", " * ").replaceAll("\\s+", " ").trim();
                // array parameters become pointers
                norm = norm.replaceAll("\\[\\s*\\w*\\s*\\]", " *");
                Matcher nm = Pattern.compile("^(.*?[\\s*])(\\w+)$").matcher(norm);
                String type;
                String name;
                if (nm.matches() && !isTypeOnly(norm)) {
                    type = normalizeType(nm.group(1));
                    name = nm.group(2);
                } else {
                    type = normalizeType(norm);
                    name = "arg" + index;
                }
                params.add(new CParam(type, name, null));
            }
            index++;
        }
        return new ParsedParams(List.copyOf(params), variadic);
    }

    /** True for a parameter written without a name, e.g. {@code const void *} or {@code int}. */
    private static boolean isTypeOnly(String p) {
        if (p.endsWith("*")) return true;
        String last = p.substring(p.lastIndexOf(' ') + 1);
        return CType.isBuiltinTypeWord(last) || last.endsWith("_t");
    }

    /** Collapses whitespace and pointer stars: {@code "const char*"} becomes {@code "const char *"}. */
    static String normalizeType(String t) {
        return t.replaceAll("\\s*\\*\\s*", " * ").replaceAll("\\s+", " ").trim().replace("* *", "**")
                .replace("* *", "**");
    }
}
