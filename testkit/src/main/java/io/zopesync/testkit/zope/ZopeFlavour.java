package io.zopesync.testkit.zope;

/**
 * Which Zope the double imitates where versions answer differently (see ZOPE-HTTP.md).
 */
public enum ZopeFlavour {
    /**
     * Zope 5 under waitress (the default): quoted {@code Content-Disposition}, {@code WWW-Authenticate} with
     * {@code charset="UTF-8"}, unexpected errors as a bare text/plain 500, an empty 200 body becomes 204, exports in
     * pickle protocol 3, {@code suppress_events} understood.
     */
    ZOPE_5,
    /**
     * Zope 2.13 under ZServer: unquoted {@code Content-Disposition}, no charset in {@code WWW-Authenticate}, every
     * error as an HTML "Site Error" page, some errors (no ids to delete) as a 200 message page, exports in pickle
     * protocol 1, {@code suppress_events} ignored, protocol 3 exports cannot be imported. Not imitated: the XML
     * export ({@code toxml}) and {@code $ZOPE_HOME/import}, the first import directory of a real 2.13.
     */
    ZOPE_2_13
}
