package mobility.api.kernel;

/** A lightweight-tunnel encapsulation on a route (RTA_ENCAP). */
public sealed interface RouteEncap permits Seg6Encap, Seg6LocalEncap, BpfEncap {

    /** The feature the kernel needs for this encapsulation. */
    KernelFeature feature();
}
