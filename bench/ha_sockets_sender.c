/*
 * Many mobile nodes registering with one home agent, as fast as it acknowledges: the sender of
 * `./mobility bench ha --sockets`. Written from RFC 6275 (§6.1.7 Binding Update, §6.1.8 Binding Acknowledgement,
 * §6.3 Home Address option, §6.4 type 2 routing header, §6.1.1 checksum).
 *
 * Home addresses are PREFIX::(FIRST + i) for i < COUNT; mobile node i sends from care-of address COA_BASE + (i mod
 * COAS). A Binding Update goes out with a raw IPPROTO_RAW socket (the whole packet is ours: the Home Address option
 * needs no socket option); Binding Acknowledgements are read on a packet socket, because the kernel of this
 * namespace drops what carries a type 2 routing header. At most WINDOW updates are outstanding; one without an
 * answer after RETRY_MS is sent again with the next sequence number (§11.8: every Binding Update has a greater one).
 * Prints one JSON line.
 *
 * usage: sender IFACE HA PREFIX FIRST COUNT COA_BASE COAS WINDOW SEQ LIFETIME_UNITS RETRY_MS GIVE_UP_MS
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { IPV6_HEADER = 40, DEST_OPTIONS = 24, BU_LENGTH = 16, PACKET = IPV6_HEADER + DEST_OPTIONS + BU_LENGTH };
enum { MH = 135, DSTOPTS = 60, ROUTING = 43, NO_NEXT = 59, BU = 5, BA = 6, HAO = 0xc9 };

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t) t.tv_sec * 1000000000ull + t.tv_nsec;
}

static void address_plus(const struct in6_addr *base, uint64_t n, struct in6_addr *out) {
    *out = *base;
    uint64_t low = 0;
    for (int i = 8; i < 16; i++) low = low << 8 | out->s6_addr[i];
    low += n;
    for (int i = 15; i >= 8; i--) { out->s6_addr[i] = low & 0xff; low >>= 8; }
}

/* RFC 2460 §8.1 pseudo-header checksum; §6.1.1: the source is the home address when a Home Address option is present. */
static uint16_t checksum(const struct in6_addr *src, const struct in6_addr *dst, const uint8_t *mh, int len) {
    uint32_t sum = 0;
    for (int i = 0; i < 16; i += 2) sum += (src->s6_addr[i] << 8 | src->s6_addr[i + 1]) + (dst->s6_addr[i] << 8 | dst->s6_addr[i + 1]);
    sum += len + MH;
    for (int i = 0; i < len; i += 2) sum += mh[i] << 8 | (i + 1 < len ? mh[i + 1] : 0);
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t) ~sum;
}

static void build(uint8_t *p, const struct in6_addr *coa, const struct in6_addr *ha, const struct in6_addr *hoa,
                  int seq, int lifetime) {
    memset(p, 0, PACKET);
    p[0] = 0x60;
    p[4] = 0; p[5] = DEST_OPTIONS + BU_LENGTH;
    p[6] = DSTOPTS; p[7] = 64;
    memcpy(p + 8, coa, 16);
    memcpy(p + 24, ha, 16);
    uint8_t *d = p + IPV6_HEADER;          /* §6.3: Home Address option at 8n+6: PadN(4) first */
    d[0] = MH; d[1] = DEST_OPTIONS / 8 - 1;
    d[2] = 1; d[3] = 2;
    d[6] = HAO; d[7] = 16; memcpy(d + 8, hoa, 16);
    uint8_t *m = d + DEST_OPTIONS;         /* §6.1.7: A and H set; PadN(4) to a multiple of 8 octets */
    m[0] = NO_NEXT; m[1] = BU_LENGTH / 8 - 1; m[2] = BU;
    m[6] = seq >> 8; m[7] = seq & 0xff;
    m[8] = 0xc0;
    m[10] = lifetime >> 8; m[11] = lifetime & 0xff;
    m[12] = 1; m[13] = 2;
    uint16_t c = checksum(hoa, ha, m, BU_LENGTH);
    m[4] = c >> 8; m[5] = c & 0xff;
}

/*
 * Sends one whole packet from the care-of address in it. The source also goes in IPV6_PKTINFO: for a header-included
 * packet the kernel's route lookup otherwise knows no source and runs source address selection over every address of
 * the interface (RFC 6724), which with thousands of care-of addresses made this sender, not the home agent, the limit.
 */
static ssize_t send_from(int fd, const uint8_t *packet, size_t length, const struct in6_addr *source,
                         const struct sockaddr_in6 *to) {
    char control[CMSG_SPACE(sizeof(struct in6_pktinfo))] = { 0 };
    struct iovec iov = { .iov_base = (void *) packet, .iov_len = length };
    struct msghdr msg = { .msg_name = (void *) to, .msg_namelen = sizeof *to, .msg_iov = &iov, .msg_iovlen = 1,
                          .msg_control = control, .msg_controllen = sizeof control };
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = IPPROTO_IPV6;
    c->cmsg_type = IPV6_PKTINFO;
    c->cmsg_len = CMSG_LEN(sizeof(struct in6_pktinfo));
    struct in6_pktinfo info = { .ipi6_addr = *source, .ipi6_ifindex = 0 };
    memcpy(CMSG_DATA(c), &info, sizeof info);
    return sendmsg(fd, &msg, 0);
}

int main(int argc, char **argv) {
    if (argc != 13) {
        fprintf(stderr, "usage: %s IFACE HA PREFIX FIRST COUNT COA_BASE COAS WINDOW SEQ LIFETIME_UNITS RETRY_MS GIVE_UP_MS\n", argv[0]);
        return 2;
    }
    const char *iface = argv[1];
    struct in6_addr ha, prefix, coa_base;
    if (inet_pton(AF_INET6, argv[2], &ha) != 1 || inet_pton(AF_INET6, argv[3], &prefix) != 1
        || inet_pton(AF_INET6, argv[6], &coa_base) != 1) {
        fprintf(stderr, "bad address\n");
        return 2;
    }
    long first = atol(argv[4]), count = atol(argv[5]), coas = atol(argv[7]), window = atol(argv[8]);
    int seq = atoi(argv[9]), lifetime = atoi(argv[10]);
    uint64_t retry = (uint64_t) atol(argv[11]) * 1000000ull, give_up = (uint64_t) atol(argv[12]) * 1000000ull;

    int tx = socket(AF_INET6, SOCK_RAW, IPPROTO_RAW);
    int rx = socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK, htons(ETH_P_IPV6));
    if (tx < 0 || rx < 0) { perror("socket"); return 1; }
    int big = 8 << 20;
    setsockopt(rx, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
    setsockopt(tx, SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
    struct sockaddr_ll ll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_IPV6), .sll_ifindex = if_nametoindex(iface) };
    if (!ll.sll_ifindex || bind(rx, (struct sockaddr *) &ll, sizeof ll) < 0) { perror("bind"); return 1; }

    uint64_t *sent_at = calloc(count, sizeof *sent_at);   /* 0: not sent yet or answered */
    uint8_t *answered = calloc(count, 1);
    uint8_t *retries = calloc(count, 1);
    long statuses[256] = { 0 };
    long next = 0, outstanding = 0, done = 0, retransmitted = 0, unexpected = 0;
    uint8_t packet[PACKET], in[2048];
    struct sockaddr_in6 to = { .sin6_family = AF_INET6, .sin6_addr = ha };
    uint64_t start = now_ns(), last_progress = start, last_scan = start;
    long scan = 0;

    while (done < count) {
        while (outstanding < window && next < count) {
            struct in6_addr hoa, coa;
            address_plus(&prefix, first + next, &hoa);
            address_plus(&coa_base, next % coas, &coa);
            build(packet, &coa, &ha, &hoa, seq, lifetime);
            if (send_from(tx, packet, PACKET, &coa, &to) < 0) {
                if (errno == ENOBUFS || errno == EAGAIN) break;
                perror("sendto");
                return 1;
            }
            sent_at[next++] = now_ns();
            outstanding++;
        }
        struct pollfd pfd = { .fd = rx, .events = POLLIN };
        poll(&pfd, 1, 5);
        for (;;) {
            ssize_t n = recv(rx, in, sizeof in, 0);
            if (n < 0) break;
            /* IPv6, type 2 routing header (§6.4) holding the home address, then the Mobility Header. */
            if (n < IPV6_HEADER + 24 + 12 || in[6] != ROUTING || in[IPV6_HEADER] != MH || in[IPV6_HEADER + 2] != 2) continue;
            const uint8_t *m = in + IPV6_HEADER + 24;
            if (m[2] != BA) continue;
            struct in6_addr hoa;
            memcpy(&hoa, in + IPV6_HEADER + 8, 16);
            if (memcmp(&hoa, &prefix, 8) != 0) { unexpected++; continue; }
            uint64_t low = 0;
            for (int i = 8; i < 16; i++) low = low << 8 | hoa.s6_addr[i];
            long i = (long) (low - (uint64_t) first);
            if (i < 0 || i >= count || answered[i] || !sent_at[i]) { unexpected++; continue; }
            answered[i] = 1;
            sent_at[i] = 0;
            statuses[m[6]]++;
            outstanding--;
            done++;
            last_progress = now_ns();
        }
        uint64_t t = now_ns();
        if (t - last_scan > retry / 4) {   /* resend what went unanswered, a slice of the range at a time */
            last_scan = t;
            for (long k = 0; k < next / 4 + 1 && next > 0; k++, scan = (scan + 1) % next) {
                if (sent_at[scan] && t - sent_at[scan] > retry) {
                    struct in6_addr hoa, coa;
                    address_plus(&prefix, first + scan, &hoa);
                    address_plus(&coa_base, scan % coas, &coa);
                    build(packet, &coa, &ha, &hoa, (seq + ++retries[scan]) & 0xffff, lifetime);
                    if (send_from(tx, packet, PACKET, &coa, &to) == PACKET) {
                        sent_at[scan] = t;
                        retransmitted++;
                    }
                }
            }
        }
        if (t - last_progress > give_up) break;
    }
    double seconds = (double) (last_progress - start) / 1e9;
    printf("{\"sent\": %ld, \"acknowledged\": %ld, \"seconds\": %.4f, \"per_second\": %.0f, \"retransmitted\": %ld, "
           "\"unexpected\": %ld, \"status\": {", next, done, seconds, seconds > 0 ? done / seconds : 0.0,
           retransmitted, unexpected);
    const char *sep = "";
    for (int s = 0; s < 256; s++) {
        if (statuses[s]) { printf("%s\"%d\": %ld", sep, s, statuses[s]); sep = ", "; }
    }
    printf("}}\n");
    return done == count ? 0 : 3;
}
