/**
 * nf_tables over its own netlink protocol (NETLINK_NETFILTER): the messages that change a table's named sets
 * element by element, so that a change costs one transaction, not a rewrite of the table by a process.
 */
package mobility.netlink.nft;
