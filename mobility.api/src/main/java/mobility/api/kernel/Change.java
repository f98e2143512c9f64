package mobility.api.kernel;

/** What happened to a kernel object: created or changed (the kernel's RTM_NEW*), or removed (RTM_DEL*). */
public enum Change {
    NEW, DELETED
}
