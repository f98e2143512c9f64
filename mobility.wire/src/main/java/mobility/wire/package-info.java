/**
 * The codec service that collects extension option codecs (whiteboard), {@code mip:decode}, and the pcap decoder
 * behind {@code ./mobility pcap}. Private to the bundle.
 */
package mobility.wire;
