package dev.fakecluster.internal.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Kubernetes' name and label syntax rules, with the API server's messages. */
public final class NameRules {

    private static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_SUBDOMAIN = DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*";
    private static final String DNS1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final String QUALIFIED_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String LABEL_VALUE = "(" + QUALIFIED_NAME + ")?";

    private static final Pattern LABEL_RE = Pattern.compile(DNS1123_LABEL);
    private static final Pattern SUBDOMAIN_RE = Pattern.compile(DNS1123_SUBDOMAIN);
    private static final Pattern DNS1035_RE = Pattern.compile(DNS1035_LABEL);
    private static final Pattern QUALIFIED_RE = Pattern.compile(QUALIFIED_NAME);
    private static final Pattern LABEL_VALUE_RE = Pattern.compile(LABEL_VALUE);

    static final String SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
            + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
            + "regex used for validation is '" + DNS1123_SUBDOMAIN + "')";
    static final String LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters "
            + "or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex "
            + "used for validation is '" + DNS1123_LABEL + "')";
    static final String DNS1035_MESSAGE = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
            + "start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or "
            + "'abc-123', regex used for validation is '" + DNS1035_LABEL + "')";

    private NameRules() {
    }

    /** Errors for a DNS-1123 subdomain (most object names), empty when valid. */
    public static List<String> dns1123Subdomain(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 253) {
            errs.add("must be no more than 253 characters");
        }
        if (!SUBDOMAIN_RE.matcher(value).matches()) {
            errs.add(SUBDOMAIN_MESSAGE);
        }
        return errs;
    }

    /** Errors for a DNS-1123 label (namespaces, container names), empty when valid. */
    public static List<String> dns1123Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add("must be no more than 63 characters");
        }
        if (!LABEL_RE.matcher(value).matches()) {
            errs.add(LABEL_MESSAGE);
        }
        return errs;
    }

    /** Errors for a DNS-1035 label (Service names), empty when valid. */
    public static List<String> dns1035Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add("must be no more than 63 characters");
        }
        if (!DNS1035_RE.matcher(value).matches()) {
            errs.add(DNS1035_MESSAGE);
        }
        return errs;
    }

    /** Errors for a label or annotation key ({@code [prefix/]name}), empty when valid. */
    public static List<String> qualifiedName(String value) {
        List<String> errs = new ArrayList<>();
        String name = value;
        int slash = value.indexOf('/');
        if (slash >= 0) {
            String prefix = value.substring(0, slash);
            name = value.substring(slash + 1);
            if (prefix.isEmpty()) {
                errs.add("prefix part must be non-empty");
            } else {
                dns1123Subdomain(prefix).forEach(e -> errs.add("prefix part " + e));
            }
            if (name.contains("/")) {
                errs.add("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start "
                        + "and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex "
                        + "used for validation is '" + QUALIFIED_NAME + "') with an optional DNS subdomain prefix and "
                        + "'/' (e.g. 'example.com/MyName')");
                return errs;
            }
        }
        if (name.isEmpty()) {
            errs.add("name part must be non-empty");
        } else {
            if (name.length() > 63) {
                errs.add("name part must be no more than 63 characters");
            }
            if (!QUALIFIED_RE.matcher(name).matches()) {
                errs.add("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
                        + "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                        + "validation is '" + QUALIFIED_NAME + "')");
            }
        }
        return errs;
    }

    /** Errors for a label value, empty when valid. */
    public static List<String> labelValue(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add("must be no more than 63 characters");
        }
        if (!LABEL_VALUE_RE.matcher(value).matches()) {
            errs.add("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                    + "and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
                    + "'12345', regex used for validation is '" + LABEL_VALUE + "')");
        }
        return errs;
    }

    /** Errors for a port name (IANA service name), empty when valid. */
    public static List<String> portName(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 15) {
            errs.add("must be no more than 15 characters");
        }
        if (!value.matches("[-a-z0-9]+")) {
            errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (value.contains("--")) {
            errs.add("must not contain consecutive hyphens");
        }
        if (!value.matches(".*[a-z].*")) {
            errs.add("must contain at least one letter (a-z)");
        }
        if (value.startsWith("-") || value.endsWith("-")) {
            errs.add("must not begin or end with a hyphen");
        }
        return errs;
    }
}
