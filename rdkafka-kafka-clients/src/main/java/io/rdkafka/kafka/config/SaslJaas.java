package io.rdkafka.kafka.config;

import org.apache.kafka.common.config.ConfigException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code sasl.jaas.config} as librdkafka's properties: the login module's options become {@code sasl.username} /
 * {@code sasl.password} (PLAIN, SCRAM), {@code sasl.oauthbearer.*} (OAUTHBEARER, unsecured JWTs or OIDC client
 * credentials) or {@code sasl.kerberos.*} (GSSAPI).
 */
final class SaslJaas {
    static final String PROPERTY = "sasl.jaas.config";

    /** One JAAS entry: the login module's class and its options, in order. */
    record Entry(String loginModule, Map<String, String> options) {
    }

    private SaslJaas() {
    }

    /** Parses {@code <LoginModule> <flag> key=value ... ;} (values quoted or not; one entry). */
    static Entry parse(String text) {
        String s = text.trim();
        int i = 0;
        int n = s.length();
        StringBuilder module = new StringBuilder();
        while (i < n && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != ';') module.append(s.charAt(i++));
        if (module.isEmpty()) throw bad("no login module class");
        while (i < n && Character.isWhitespace(s.charAt(i))) i++;
        StringBuilder flag = new StringBuilder();
        while (i < n && Character.isLetter(s.charAt(i))) flag.append(s.charAt(i++));
        String f = flag.toString().toLowerCase(java.util.Locale.ROOT);
        if (!f.equals("required") && !f.equals("requisite") && !f.equals("sufficient") && !f.equals("optional")) {
            throw bad("expected a control flag (required, requisite, sufficient, optional) after " + module
                    + ", found '" + flag + "'");
        }
        Map<String, String> options = new LinkedHashMap<>();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            if (i >= n) throw bad("missing the terminating ';'");
            if (s.charAt(i) == ';') {
                i++;
                break;
            }
            StringBuilder key = new StringBuilder();
            while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) key.append(s.charAt(i++));
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            if (i >= n || s.charAt(i) != '=') throw bad("option '" + key + "' has no value");
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) c = s.charAt(i++);
                    value.append(c);
                }
                if (i >= n) throw bad("unterminated quoted value of option '" + key + "'");
                i++;
            } else {
                while (i < n && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != ';') value.append(s.charAt(i++));
            }
            options.put(key.toString(), value.toString());
        }
        while (i < n && Character.isWhitespace(s.charAt(i))) i++;
        if (i < n) throw bad("only one login module entry is supported, found more after the first ';'");
        return new Entry(module.toString(), options);
    }

    private static ConfigException bad(String why) {
        return new ConfigException(PROPERTY, "[hidden]", "cannot parse the JAAS configuration: " + why);
    }

    /** Sets librdkafka's properties for the entry; {@code tokenEndpoint} is sasl.oauthbearer.token.endpoint.url. */
    static void translate(Entry e, String tokenEndpoint, Translation t) {
        String m = e.loginModule();
        Map<String, String> o = e.options();
        if (m.endsWith(".PlainLoginModule") || m.endsWith(".ScramLoginModule")) {
            require(o, "username", m);
            require(o, "password", m);
            t.put("sasl.username", o.get("username"));
            t.put("sasl.password", o.get("password"));
        } else if (m.endsWith(".OAuthBearerLoginModule")) {
            oauthbearer(o, tokenEndpoint, t);
        } else if (m.equals("com.sun.security.auth.module.Krb5LoginModule")) {
            if (o.containsKey("keyTab")) t.put("sasl.kerberos.keytab", o.get("keyTab"));
            if (o.containsKey("principal")) t.put("sasl.kerberos.principal", o.get("principal"));
        } else {
            throw new ConfigException(PROPERTY, "[hidden]", "login module " + m + " has no librdkafka counterpart: "
                    + "librdkafka supports PlainLoginModule, ScramLoginModule, OAuthBearerLoginModule and "
                    + "Krb5LoginModule (or set librdkafka's sasl.* properties directly)");
        }
    }

    private static void oauthbearer(Map<String, String> o, String tokenEndpoint, Translation t) {
        StringJoiner extensions = new StringJoiner(",");
        if (tokenEndpoint != null) {
            t.put("sasl.oauthbearer.method", "oidc");
            t.put("sasl.oauthbearer.token.endpoint.url", tokenEndpoint);
            if (o.containsKey("clientId")) t.put("sasl.oauthbearer.client.id", o.get("clientId"));
            if (o.containsKey("clientSecret")) t.put("sasl.oauthbearer.client.secret", o.get("clientSecret"));
            if (o.containsKey("scope")) t.put("sasl.oauthbearer.scope", o.get("scope"));
            o.forEach((k, v) -> {
                if (k.startsWith("extension_")) extensions.add(k.substring("extension_".length()) + "=" + v);
            });
            if (extensions.length() > 0) t.put("sasl.oauthbearer.extensions", extensions.toString());
            return;
        }
        // unsecured JWTs (OAuthBearerUnsecuredLoginCallbackHandler): librdkafka's built-in unsecured token
        StringJoiner conf = new StringJoiner(" ");
        String principalClaim = o.getOrDefault("unsecuredLoginPrincipalClaimName", "sub");
        String principal = o.get("unsecuredLoginStringClaim_" + principalClaim);
        if (principal == null) {
            throw new ConfigException(PROPERTY, "[hidden]", "OAuthBearerLoginModule without "
                    + "sasl.oauthbearer.token.endpoint.url needs unsecuredLoginStringClaim_" + principalClaim
                    + " (the principal of librdkafka's unsecured JWT)");
        }
        if (!principalClaim.equals("sub")) conf.add("principalClaimName=" + principalClaim);
        conf.add("principal=" + principal);
        String scopeClaim = o.getOrDefault("unsecuredLoginScopeClaimName", "scope");
        if (!scopeClaim.equals("scope")) conf.add("scopeClaimName=" + scopeClaim);
        String scope = o.get("unsecuredLoginListClaim_" + scopeClaim);
        if (scope == null) scope = o.get("unsecuredLoginStringClaim_" + scopeClaim);
        if (scope != null) {
            // Java separates list items by the value's first character; librdkafka by commas
            String items = scope.length() > 1 ? scope.substring(1).replace(scope.charAt(0), ',') : scope;
            conf.add("scope=" + items);
        }
        if (o.containsKey("unsecuredLoginLifetimeSeconds")) conf.add("lifeSeconds=" + o.get("unsecuredLoginLifetimeSeconds"));
        o.forEach((k, v) -> {
            if (k.startsWith("unsecuredLoginExtension_")) {
                conf.add("extension_" + k.substring("unsecuredLoginExtension_".length()) + "=" + v);
            }
        });
        t.put("enable.sasl.oauthbearer.unsecure.jwt", "true");
        t.put("sasl.oauthbearer.config", conf.toString());
    }

    private static void require(Map<String, String> o, String key, String module) {
        if (!o.containsKey(key)) {
            throw new ConfigException(PROPERTY, "[hidden]", module + " needs the option " + key);
        }
    }
}
