/* The network tracers' workloads: N operations on loopback, timed inside the program
 * (CLOCK_MONOTONIC through the vDSO), printing {"ns_per_op": x}.
 *
 *   net_loop connect N   TCP connect + accept + close to a listener of its own (each
 *                        connect: SYN_SENT, ESTABLISHED, ... CLOSE state changes)
 *   net_loop send N      1-byte sends on a connected TCP socket (each: one send call)
 *   net_loop udpdrop N   UDP datagrams to a closed port of 127.0.0.1 (each: one packet
 *                        dropped, NO_SOCKET, and an ICMP error consumed)
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

static int listener(struct sockaddr_in *a)
{
	socklen_t len = sizeof(*a);
	int l = socket(AF_INET, SOCK_STREAM, 0);
	memset(a, 0, sizeof(*a));
	a->sin_family = AF_INET;
	a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (l < 0 || bind(l, (struct sockaddr *)a, sizeof(*a)) || listen(l, 128) ||
	    getsockname(l, (struct sockaddr *)a, &len))
		exit(2);
	return l;
}

int main(int argc, char **argv)
{
	struct sockaddr_in a;
	long n = argc > 2 ? atol(argv[2]) : 10000;
	double t0, t1;
	char c = 'x';

	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "connect")) {
		int l = listener(&a);
		t0 = now();
		for (long i = 0; i < n; i++) {
			int s = socket(AF_INET, SOCK_STREAM, 0);
			struct linger lg = {1, 0}; /* a reset: no TIME_WAIT piling up */
			if (connect(s, (struct sockaddr *)&a, sizeof(a)))
				return 3;
			int x = accept(l, NULL, NULL);
			setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
			close(s);
			close(x);
		}
		t1 = now();
	} else if (!strcmp(argv[1], "send")) {
		int l = listener(&a), one = 1;
		int s = socket(AF_INET, SOCK_STREAM, 0);
		if (connect(s, (struct sockaddr *)&a, sizeof(a)))
			return 3;
		int x = accept(l, NULL, NULL);
		char buf[65536];
		setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		t0 = now();
		for (long i = 0; i < n; i++) {
			if (send(s, &c, 1, 0) != 1)
				return 4;
			if ((i & 1023) == 1023)
				while (recv(x, buf, sizeof(buf), MSG_DONTWAIT) > 0)
					;
		}
		t1 = now();
	} else if (!strcmp(argv[1], "udpdrop")) {
		int s = socket(AF_INET, SOCK_DGRAM, 0);
		memset(&a, 0, sizeof(a));
		a.sin_family = AF_INET;
		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		a.sin_port = htons(9); /* discard: nothing listens */
		t0 = now();
		for (long i = 0; i < n; i++)
			sendto(s, &c, 1, 0, (struct sockaddr *)&a, sizeof(a));
		t1 = now();
	} else {
		return 2;
	}
	printf("{\"ns_per_op\": %.1f}\n", (t1 - t0) / n);
	return 0;
}
