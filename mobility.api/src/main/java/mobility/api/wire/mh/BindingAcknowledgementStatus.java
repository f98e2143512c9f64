package mobility.api.wire.mh;

/** Status values of the Binding Acknowledgement (RFC 6275 §6.1.8; 140-143 from NEMO, RFC 3963 §4.2). */
public final class BindingAcknowledgementStatus {

    private BindingAcknowledgementStatus() {
    }

    public static final int BINDING_UPDATE_ACCEPTED = 0;
    public static final int ACCEPTED_BUT_PREFIX_DISCOVERY_NECESSARY = 1;
    public static final int REASON_UNSPECIFIED = 128;
    public static final int ADMINISTRATIVELY_PROHIBITED = 129;
    public static final int INSUFFICIENT_RESOURCES = 130;
    public static final int HOME_REGISTRATION_NOT_SUPPORTED = 131;
    public static final int NOT_HOME_SUBNET = 132;
    public static final int NOT_HOME_AGENT_FOR_THIS_MOBILE_NODE = 133;
    public static final int DUPLICATE_ADDRESS_DETECTION_FAILED = 134;
    public static final int SEQUENCE_NUMBER_OUT_OF_WINDOW = 135;
    public static final int EXPIRED_HOME_NONCE_INDEX = 136;
    public static final int EXPIRED_CARE_OF_NONCE_INDEX = 137;
    public static final int EXPIRED_NONCES = 138;
    public static final int REGISTRATION_TYPE_CHANGE_DISALLOWED = 139;
    public static final int MOBILE_ROUTER_OPERATION_NOT_PERMITTED = 140;
    public static final int INVALID_PREFIX = 141;
    public static final int NOT_AUTHORIZED_FOR_PREFIX = 142;
    public static final int FORWARDING_SETUP_FAILED = 143;

    /** The status in the RFC's words, or "status n". */
    public static String text(int status) {
        return switch (status) {
            case BINDING_UPDATE_ACCEPTED -> "Binding Update accepted";
            case ACCEPTED_BUT_PREFIX_DISCOVERY_NECESSARY -> "Accepted but prefix discovery necessary";
            case REASON_UNSPECIFIED -> "Reason unspecified";
            case ADMINISTRATIVELY_PROHIBITED -> "Administratively prohibited";
            case INSUFFICIENT_RESOURCES -> "Insufficient resources";
            case HOME_REGISTRATION_NOT_SUPPORTED -> "Home registration not supported";
            case NOT_HOME_SUBNET -> "Not home subnet";
            case NOT_HOME_AGENT_FOR_THIS_MOBILE_NODE -> "Not home agent for this mobile node";
            case DUPLICATE_ADDRESS_DETECTION_FAILED -> "Duplicate Address Detection failed";
            case SEQUENCE_NUMBER_OUT_OF_WINDOW -> "Sequence number out of window";
            case EXPIRED_HOME_NONCE_INDEX -> "Expired home nonce index";
            case EXPIRED_CARE_OF_NONCE_INDEX -> "Expired care-of nonce index";
            case EXPIRED_NONCES -> "Expired nonces";
            case REGISTRATION_TYPE_CHANGE_DISALLOWED -> "Registration type change disallowed";
            case MOBILE_ROUTER_OPERATION_NOT_PERMITTED -> "Mobile Router Operation not permitted";
            case INVALID_PREFIX -> "Invalid Prefix";
            case NOT_AUTHORIZED_FOR_PREFIX -> "Not Authorized for Prefix";
            case FORWARDING_SETUP_FAILED -> "Forwarding Setup failed";
            default -> "status " + status;
        };
    }
}
