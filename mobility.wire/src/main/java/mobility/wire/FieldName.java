package mobility.wire;

/**
 * The name of a field of a message or option, as the RFCs name it, with the octets each line renderer writes
 * before a value under that name, encoded once: a million lines then copy them rather than look each name up.
 * Every name {@link MessageFields} and {@link MobilityOptionFields} write is one of the constants here.
 */
final class FieldName {

    static final FieldName ADDRESS = new FieldName("address");
    static final FieldName AUTHENTICATOR = new FieldName("authenticator");
    static final FieldName BODY_LENGTH = new FieldName("bodyLength");
    static final FieldName CARE_OF_INIT_COOKIE = new FieldName("careOfInitCookie");
    static final FieldName CARE_OF_KEYGEN_TOKEN = new FieldName("careOfKeygenToken");
    static final FieldName CARE_OF_NONCE_INDEX = new FieldName("careOfNonceIndex");
    static final FieldName CODE = new FieldName("code");
    static final FieldName CUR_HOP_LIMIT = new FieldName("curHopLimit");
    static final FieldName DATA = new FieldName("data");
    static final FieldName FLAGS = new FieldName("flags");
    static final FieldName HOME_ADDRESS = new FieldName("homeAddress");
    static final FieldName HOME_AGENT_ADDRESSES = new FieldName("homeAgentAddresses");
    static final FieldName HOME_INIT_COOKIE = new FieldName("homeInitCookie");
    static final FieldName HOME_KEYGEN_TOKEN = new FieldName("homeKeygenToken");
    static final FieldName HOME_NONCE_INDEX = new FieldName("homeNonceIndex");
    static final FieldName IDENTIFIER = new FieldName("identifier");
    static final FieldName INTERVAL_MILLIS = new FieldName("intervalMillis");
    static final FieldName LIFETIME = new FieldName("lifetime");
    static final FieldName LIFETIME_SECONDS = new FieldName("lifetimeSeconds");
    static final FieldName MTU = new FieldName("mtu");
    static final FieldName POINTER = new FieldName("pointer");
    static final FieldName PREFERENCE = new FieldName("preference");
    static final FieldName PREFERRED_LIFETIME = new FieldName("preferredLifetime");
    static final FieldName PREFIX = new FieldName("prefix");
    static final FieldName REACHABLE_TIME = new FieldName("reachableTime");
    static final FieldName REFRESH_INTERVAL = new FieldName("refreshInterval");
    static final FieldName REFRESH_INTERVAL_SECONDS = new FieldName("refreshIntervalSeconds");
    static final FieldName RETRANS_TIMER = new FieldName("retransTimer");
    static final FieldName ROUTER_LIFETIME = new FieldName("routerLifetime");
    static final FieldName SEQUENCE_NUMBER = new FieldName("sequenceNumber");
    static final FieldName STATUS = new FieldName("status");
    static final FieldName STATUS_TEXT = new FieldName("statusText");
    static final FieldName TARGET = new FieldName("target");
    static final FieldName TYPE = new FieldName("type");
    static final FieldName VALID_LIFETIME = new FieldName("validLifetime");
    static final FieldName VALUE = new FieldName("value");

    /** Index of a form in {@link #textForms} and {@link #jsonForms}: the first field of a message or an option. */
    static final int FIRST = 0;
    /** Index of a form in {@link #textForms} and {@link #jsonForms}: a later field of an option (text), any later (JSON). */
    static final int LATER = 1;

    private final String name;
    /**
     * The forms of a text line: {@code " name="} ({@link #FIRST}: a field of a message, the first of an option) and
     * {@code ",name="} ({@link #LATER}: a later field of an option). Indexed rather than chosen by a branch, so that
     * a renderer's {@code name} is small enough for C1 to inline into every field it writes.
     */
    final byte[][] textForms;
    /** The forms in JSON: {@code "name":} ({@link #FIRST} member of an object) and {@code ,"name":} ({@link #LATER}). */
    final byte[][] jsonForms;

    private FieldName(String name) {
        // OutputBuffer rather than "+": a concatenation's call site spins method handle classes on its first run.
        this.name = name;
        textForms = new byte[][] {
            new OutputBuffer(name.length() + 2).ascii(' ').text(name).ascii('=').toByteArray(),
            new OutputBuffer(name.length() + 2).ascii(',').text(name).ascii('=').toByteArray()};
        jsonForms = new byte[][] {
            new OutputBuffer(name.length() + 3).jsonString(name).ascii(':').toByteArray(),
            new OutputBuffer(name.length() + 4).ascii(',').jsonString(name).ascii(':').toByteArray()};
    }

    /** The name as a map of a description keys it. */
    String text() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
