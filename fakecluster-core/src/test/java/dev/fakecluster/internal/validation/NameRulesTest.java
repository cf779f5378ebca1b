package dev.fakecluster.internal.validation;

import static dev.fakecluster.internal.validation.ObjectValidatorTest.DNS1035;
import static dev.fakecluster.internal.validation.ObjectValidatorTest.LABEL;
import static dev.fakecluster.internal.validation.ObjectValidatorTest.LABEL_VALUE;
import static dev.fakecluster.internal.validation.ObjectValidatorTest.QUALIFIED_NAME_PART;
import static dev.fakecluster.internal.validation.ObjectValidatorTest.SUBDOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameRulesTest {

    @Test
    void subdomainsAllowDotsButNotUppercaseOrUnderscores() {
        assertThat(NameRules.dns1123Subdomain("web.example-1.com")).isEmpty();
        assertThat(NameRules.dns1123Subdomain("0web")).isEmpty();
        assertThat(NameRules.dns1123Subdomain("My_App")).containsExactly(SUBDOMAIN);
        assertThat(NameRules.dns1123Subdomain("web.")).containsExactly(SUBDOMAIN);
        assertThat(NameRules.dns1123Subdomain("")).containsExactly(SUBDOMAIN);
    }

    @Test
    void subdomainLongerThan253CharactersFailsBothLengthAndOtherRules() {
        assertThat(NameRules.dns1123Subdomain("a".repeat(253))).isEmpty();
        assertThat(NameRules.dns1123Subdomain("a".repeat(254))).containsExactly("must be no more than 253 characters");
        assertThat(NameRules.dns1123Subdomain("A".repeat(254)))
                .containsExactly("must be no more than 253 characters", SUBDOMAIN);
    }

    @Test
    void labelsRejectDotsAndAreLimitedTo63Characters() {
        assertThat(NameRules.dns1123Label("team-a")).isEmpty();
        assertThat(NameRules.dns1123Label("team.a")).containsExactly(LABEL);
        assertThat(NameRules.dns1123Label("-team")).containsExactly(LABEL);
        assertThat(NameRules.dns1123Label("t".repeat(63))).isEmpty();
        assertThat(NameRules.dns1123Label("t".repeat(64))).containsExactly("must be no more than 63 characters");
    }

    @Test
    void dns1035LabelsMustStartWithALetter() {
        assertThat(NameRules.dns1035Label("web-1")).isEmpty();
        assertThat(NameRules.dns1035Label("1web")).containsExactly(DNS1035);
        assertThat(NameRules.dns1035Label("web.v1")).containsExactly(DNS1035);
    }

    @Test
    void qualifiedNamesAllowAnOptionalSubdomainPrefix() {
        assertThat(NameRules.qualifiedName("app.kubernetes.io/Name_1")).isEmpty();
        assertThat(NameRules.qualifiedName("MyName")).isEmpty();
        assertThat(NameRules.qualifiedName("/name")).containsExactly("prefix part must be non-empty");
        assertThat(NameRules.qualifiedName("Example.com/name")).containsExactly("prefix part " + SUBDOMAIN);
        assertThat(NameRules.qualifiedName("_name")).containsExactly(QUALIFIED_NAME_PART);
        assertThat(NameRules.qualifiedName("n".repeat(64)))
                .containsExactly("name part must be no more than 63 characters");
    }

    @Test
    void qualifiedNameWithTwoSlashesIsRejectedAsAWhole() {
        assertThat(NameRules.qualifiedName("a/b/c")).containsExactly("a qualified name must consist of alphanumeric "
                + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  "
                + "or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') "
                + "with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
    }

    @Test
    void labelValuesMayBeEmptyButNotStartOrEndWithPunctuation() {
        assertThat(NameRules.labelValue("")).isEmpty();
        assertThat(NameRules.labelValue("v1.2_rc-3")).isEmpty();
        assertThat(NameRules.labelValue("v1.")).containsExactly(LABEL_VALUE);
        assertThat(NameRules.labelValue("v".repeat(64))).containsExactly("must be no more than 63 characters");
    }

    @Test
    void portNamesFollowTheIanaServiceNameRules() {
        assertThat(NameRules.portName("http-alt")).isEmpty();
        assertThat(NameRules.portName("metrics-endpoint")).containsExactly("must be no more than 15 characters");
        assertThat(NameRules.portName("http_alt")).containsExactly(
                "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        assertThat(NameRules.portName("http--alt")).containsExactly("must not contain consecutive hyphens");
        assertThat(NameRules.portName("8080")).containsExactly("must contain at least one letter (a-z)");
        assertThat(NameRules.portName("-http")).containsExactly("must not begin or end with a hyphen");
    }
}
