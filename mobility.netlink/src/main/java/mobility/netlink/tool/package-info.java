/**
 * Kernel configuration the platform drives through a command-line tool run inside the namespace: whole nftables
 * tables ({@code nft}); their sets' elements change over netlink.
 */
package mobility.netlink.tool;
