/**
 * Kernel configuration the platform drives through command-line tools run inside the namespace: nftables tables
 * ({@code nft}) and the seg6 tunnel source ({@code ip sr tunsrc}).
 */
package mobility.netlink.tool;
