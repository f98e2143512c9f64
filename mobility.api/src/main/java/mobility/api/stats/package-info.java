/** Counters of a role or a mechanism (the figures of UMIP's {@code mipdiag -s}), as a service per owner. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package mobility.api.stats;
