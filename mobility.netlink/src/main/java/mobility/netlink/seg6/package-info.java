/** The seg6 tunnel source over the SEG6 generic netlink family. */
package mobility.netlink.seg6;
