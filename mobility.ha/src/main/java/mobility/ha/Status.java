package mobility.ha;

/** Binding Acknowledgement status values a home agent sends (RFC 6275 §6.1.8, RFC 3963 §4.2). */
final class Status {

    static final int ACCEPTED = 0;
    static final int ACCEPTED_PREFIX_DISCOVERY_NECESSARY = 1;
    static final int REASON_UNSPECIFIED = 128;
    static final int ADMINISTRATIVELY_PROHIBITED = 129;
    static final int INSUFFICIENT_RESOURCES = 130;
    static final int HOME_REGISTRATION_NOT_SUPPORTED = 131;
    static final int NOT_HOME_SUBNET = 132;
    static final int NOT_HOME_AGENT_FOR_THIS_MOBILE_NODE = 133;
    static final int DUPLICATE_ADDRESS_DETECTION_FAILED = 134;
    static final int SEQUENCE_NUMBER_OUT_OF_WINDOW = 135;
    static final int REGISTRATION_TYPE_CHANGE_DISALLOWED = 139;
    static final int MOBILE_ROUTER_OPERATION_NOT_PERMITTED = 140;
    static final int INVALID_PREFIX = 141;
    static final int NOT_AUTHORIZED_FOR_PREFIX = 142;
    static final int FORWARDING_SETUP_FAILED = 143;

    private Status() {
    }

    /** §6.1.8: values below 128 accept the registration. */
    static boolean accepted(int status) {
        return status < 128;
    }
}
