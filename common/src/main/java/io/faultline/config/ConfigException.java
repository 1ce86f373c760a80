package io.faultline.config;

/**
 * A config that cannot be used. The message is one line a user can act on: the field, the bad value and what
 * is allowed, e.g. {@code nodes: 0 is out of range; use 1..64 or a list of node names}.
 */
public class ConfigException extends Exception {
    private final String field;

    /** A problem with one field; {@code field} is its dotted path, with list indexes: {@code services[1].image}. */
    public ConfigException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    private ConfigException(String field, String location, String problem) {
        super(location + ": " + problem);
        this.field = field;
    }

    /**
     * A problem with the document as a whole (syntax, an empty file, a list where a map belongs): there is no
     * field to name, so the message starts with the location instead, e.g. {@code test.yaml:7}.
     */
    public static ConfigException inDocument(String location, String problem) {
        return new ConfigException("", location, problem);
    }

    /** The dotted path of the field at fault; empty when the problem is the document as a whole. */
    public String field() {
        return field;
    }
}
