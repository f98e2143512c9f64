/**
 * The Mobility Header of RFC 6275 §6.1 (Next Header 135) with the NEMO additions of RFC 3963: its eight messages,
 * the mobility options of §6.2, and {@link mobility.api.wire.mh.MobilityHeaderCodec}, which encodes them with the
 * alignment padding of §6.2 and decodes and validates them as §9.2 prescribes.
 *
 * <p>An extension bundle adds a mobility option type by registering a
 * {@link mobility.api.wire.mh.MobilityOptionCodec} service; the codec is handed a
 * {@link mobility.api.wire.mh.MobilityOptionRegistry} of them, so the codec itself never changes for a new type.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package mobility.api.wire.mh;
