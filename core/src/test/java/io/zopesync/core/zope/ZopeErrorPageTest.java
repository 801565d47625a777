package io.zopesync.core.zope;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ZopeErrorPageTest {
    /** The page zExceptions renders for a BadRequest on Zope 4 and later. */
    private static final String ZOPE_5_SITE_ERROR = "<!DOCTYPE html>\n<html>\n<head>\n<title>Site Error</title>\n"
            + "<meta charset=\"utf-8\" />\n</head>\n<body bgcolor=\"#FFFFFF\">\n<h2>Site Error</h2>\n"
            + "<p>An error was encountered while publishing this resource.\n</p>\n"
            + "<p><strong>Sorry, a site error occurred.</strong></p>\n\n"
            + "The id &quot;sub&quot; is invalid - it is already in use.\n<hr noshade=\"noshade\"/>\n\n"
            + "<p>Troubleshooting Suggestions</p>\n\n<ul>\n<li>The URL may be incorrect.</li>\n</ul>\n"
            + "<p>If the error persists please contact the site maintainer.\nThank you for your patience.\n</p>\n"
            + "</body></html>";

    /** Zope 2.13's default standard_error_message. */
    private static final String ZOPE_2_STANDARD_ERROR = "<html><head><title>Zope</title></head><body>\n"
            + "<h2>Site Error</h2>\n<p>An error was encountered while publishing this resource.</p>\n"
            + "<p>\n<strong>Error Type: BadRequest</strong><br />\n"
            + "<strong>Error Value: File does not exist: x.zexp</strong><br />\n</p>\n<hr noshade=\"noshade\" />\n"
            + "<p>Troubleshooting Suggestions</p></body></html>";

    private static final String MESSAGE_DIALOG = "<HTML>\n<HEAD>\n<TITLE>Not Deletable</TITLE>\n</HEAD>\n"
            + "<BODY BGCOLOR=\"#FFFFFF\">\n<FORM ACTION=\"manage_main\" METHOD=\"GET\" >\n"
            + "<TABLE BORDER=\"0\" WIDTH=\"100%\" CELLPADDING=\"10\">\n<TR>\n  <TD VALIGN=\"TOP\">\n  <BR>\n"
            + "  <CENTER><B><FONT SIZE=\"+6\" COLOR=\"#77003B\">!</FONT></B></CENTER>\n  </TD>\n"
            + "  <TD VALIGN=\"TOP\">\n  <BR><BR>\n  <CENTER>\n  <EM>obj1</EM> is locked.\n  </CENTER>\n  </TD>\n"
            + "</TR>\n<TR><TD></TD><TD><CENTER>\n  <INPUT TYPE=\"SUBMIT\" VALUE=\"   Ok   \">\n  </CENTER></TD></TR>\n"
            + "</TABLE>\n</FORM>\n</BODY></HTML>";

    private static final String MANAGE_MAIN = "<!DOCTYPE html><html><head><title>Zope</title></head><body>"
            + "<div class=\"alert\"><em>sub</em> successfully imported</div>"
            + "<form action=\"http://localhost/yourfolder/\" name=\"objectItems\" method=\"post\">"
            + "<table><tr><td><a href=\"sub/manage_workspace\">sub</a></td></tr></table></form></body></html>";

    @Test
    void shouldReadTheMessageOfZope5SiteErrorPage() {
        assertThat(ZopeErrorPage.isErrorPage(ZOPE_5_SITE_ERROR)).isTrue();
        assertThat(ZopeErrorPage.messageOf(ZOPE_5_SITE_ERROR))
                .isEqualTo("The id \"sub\" is invalid - it is already in use.");
    }

    @Test
    void shouldReadZope5sMissingParameterPageWithoutSpacesAroundTheName() {
        String page = ZOPE_5_SITE_ERROR.replace("Sorry, a site error occurred.", "Invalid request").replace(
                "The id &quot;sub&quot; is invalid - it is already in use.", "The parameter, <em>new_id</em>, was"
                        + " omitted from the request.<p>Make sure to specify all required parameters, and try the"
                        + " request again.</p>");

        assertThat(ZopeErrorPage.messageOf(page)).isEqualTo("The parameter, new_id, was omitted from the request."
                + " Make sure to specify all required parameters, and try the request again.");
    }

    @Test
    void shouldReadTheErrorValueOfZope2StandardErrorMessage() {
        assertThat(ZopeErrorPage.isErrorPage(ZOPE_2_STANDARD_ERROR)).isTrue();
        assertThat(ZopeErrorPage.messageOf(ZOPE_2_STANDARD_ERROR)).isEqualTo("File does not exist: x.zexp");
        assertThat(ZopeErrorPage.messageOf(ZOPE_2_STANDARD_ERROR.replace("BadRequest", "ExportError")))
                .isEqualTo("ExportError: File does not exist: x.zexp");
    }

    @Test
    void shouldNameTheExceptionClassOfASiteErrorPageWithATitle() {
        String page = "<h2>Site Error</h2>\n<p>An error was encountered while publishing this resource.</p>\n"
                + "<p><strong>ExportError</strong></p>\n<p>Invalid export header</p>\n<hr noshade=\"noshade\"/>\n"
                + "<p>Troubleshooting Suggestions</p>";
        assertThat(ZopeErrorPage.messageOf(page)).isEqualTo("ExportError: Invalid export header");
        assertThat(ZopeErrorPage.messageOf(page.replace("ExportError", "BadRequest")))
                .isEqualTo("Invalid export header");
    }

    @Test
    void shouldReadTitleAndMessageOfMessageDialog() {
        assertThat(ZopeErrorPage.isErrorPage(MESSAGE_DIALOG)).isTrue();
        assertThat(ZopeErrorPage.messageOf(MESSAGE_DIALOG)).isEqualTo("Not Deletable: obj1 is locked.");
    }

    @Test
    void shouldNotTakeManageMainForAnErrorPage() {
        assertThat(ZopeErrorPage.isErrorPage(MANAGE_MAIN)).isFalse();
    }

    @Test
    void shouldRecogniseWaitressBareInternalServerError() {
        String waitress = "Internal Server Error\r\n\r\nThe server encountered an unexpected internal server error"
                + "\r\n\r\n(generated by waitress)";
        assertThat(ZopeErrorPage.isBare(waitress)).isTrue();
        assertThat(ZopeErrorPage.isBare("")).isTrue();
        assertThat(ZopeErrorPage.isBare(ZOPE_5_SITE_ERROR)).isFalse();
    }

    @Test
    void shouldGivePlainTextBodiesAsTheyAreOnOneLine() {
        assertThat(ZopeErrorPage.messageOf("obj9 does not exist\n")).isEqualTo("obj9 does not exist");
        assertThat(ZopeErrorPage.messageOf("x".repeat(2000))).hasSize(ZopeErrorPage.MAX_MESSAGE + 1);
    }

    @Test
    void shouldDecodeEntitiesAndDropScripts() {
        assertThat(ZopeErrorPage.toText("<p>a &amp; b&#33; &#x3c;c&gt;</p><script>alert(1)</script>"))
                .isEqualTo("a & b! <c>");
    }
}
