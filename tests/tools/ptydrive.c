/* ptydrive.c — run a command under a pseudo-terminal and follow a script.
 *
 * Usage: ptydrive SCRIPT -- CMD [ARG...]
 *
 * The script has one command a line (blank lines and lines starting with
 * '#' are ignored):
 *   expect TEXT    wait (up to the timeout) for TEXT to appear in the
 *                  output since the end of the last match
 *   send TEXT      write TEXT and a newline to the terminal
 *   sendraw TEXT   write TEXT with escapes (\xHH, \n, \r, \t, \e, \\) and
 *                  no newline, e.g. "sendraw \x03" for Ctrl-C
 *   timeout N      the timeout of later expect and wait lines, in seconds
 *                  (default 10)
 *   sleep N        pause N seconds (a decimal fraction is fine)
 *   wait EXIT      wait (up to the timeout) for the command to end and
 *                  check that it exited with status EXIT
 *
 * Exits 0 when every line passed, 1 otherwise (printing the script line
 * that failed and the output it saw), 2 on a usage error. Every step is
 * bounded by its timeout; at the end a command still running is killed.
 * With PTYDRIVE_VERBOSE set in the environment, the command's output is
 * copied to standard error as it arrives.
 */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_TIMEOUT 10.0
#define OUTPUT_CAP (16u * 1024 * 1024)
#define SHOW_TAIL 6000 /* bytes of output shown on failure */

struct drive {
	int master;
	pid_t child;
	bool exited;  /* child reaped */
	int status;   /* its wait status */
	bool eof;     /* the terminal was closed */
	char *out;    /* all output so far */
	size_t len, alloc;
	size_t mark;  /* end of the last match */
	bool verbose;
	const char *script;
	long lineno;
};

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
fail_line(const struct drive *d, const char *fmt, const char *arg)
{
	fprintf(stderr, "ptydrive: %s:%ld: ", d->script, d->lineno);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
}

/* show the output since the last match (its tail when long) */
static void
show_output(const struct drive *d)
{
	size_t from = d->mark;

	if (d->len - from > SHOW_TAIL) {
		from = d->len - SHOW_TAIL;
		fprintf(stderr, "ptydrive: output since the last match (last %d bytes):\n",
		    SHOW_TAIL);
	} else {
		fprintf(stderr, "ptydrive: output since the last match:\n");
	}
	fputs("-----\n", stderr);
	fwrite(d->out + from, 1, d->len - from, stderr);
	fputs("\n-----\n", stderr);
}

static void
describe_status(int status, char *buf, size_t size)
{
	if (WIFEXITED(status))
		snprintf(buf, size, "exited with status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "was killed by signal %d", WTERMSIG(status));
	else
		snprintf(buf, size, "ended with wait status %#x", status);
}

/* reap the child if it has ended */
static void
poll_child(struct drive *d)
{
	pid_t r;

	if (d->exited)
		return;
	r = waitpid(d->child, &d->status, WNOHANG);
	if (r == d->child)
		d->exited = true;
}

/* read what the terminal has, waiting at most WAIT seconds for it;
 * returns false on a fatal error */
static bool
pump(struct drive *d, double wait)
{
	struct pollfd p;
	char buf[4096];
	ssize_t n;
	int ms = wait <= 0 ? 0 : (int)(wait * 1000) + 1;

	if (d->eof) {
		poll_child(d);
		if (!d->exited && ms > 0) {
			if (ms > 20)
				ms = 20;
			poll(NULL, 0, ms);
		}
		return true;
	}
	p.fd = d->master;
	p.events = POLLIN;
	p.revents = 0;
	if (poll(&p, 1, ms) < 0) {
		if (errno == EINTR)
			return true;
		perror("ptydrive: poll");
		return false;
	}
	if (p.revents == 0)
		return true;
	for (;;) {
		n = read(d->master, buf, sizeof(buf));
		if (n > 0) {
			if (d->verbose)
				fwrite(buf, 1, (size_t)n, stderr);
			if (d->len + (size_t)n > OUTPUT_CAP) {
				fprintf(stderr, "ptydrive: more than %u bytes of output\n",
				    OUTPUT_CAP);
				return false;
			}
			if (d->len + (size_t)n + 1 > d->alloc) {
				size_t na = d->alloc ? d->alloc : 8192;
				char *q;
				while (na < d->len + (size_t)n + 1)
					na *= 2;
				if ((q = realloc(d->out, na)) == NULL) {
					perror("ptydrive: realloc");
					return false;
				}
				d->out = q;
				d->alloc = na;
			}
			memcpy(d->out + d->len, buf, (size_t)n);
			d->len += (size_t)n;
			d->out[d->len] = '\0';
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return true;
		/* EOF, or EIO once the child closed the terminal (Linux) */
		d->eof = true;
		return true;
	}
}

static const char *
find(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	size_t i;

	if (nlen == 0)
		return hay;
	for (i = 0; i + nlen <= hlen; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, nlen) == 0)
			return hay + i;
	return NULL;
}

static bool
do_expect(struct drive *d, const char *text, double timeout)
{
	double deadline = now_seconds() + timeout;
	size_t tlen = strlen(text);

	for (;;) {
		const char *hit = d->len > d->mark ?
		    find(d->out + d->mark, d->len - d->mark, text, tlen) : NULL;
		double left;

		if (hit != NULL || (tlen == 0)) {
			d->mark = hit ? (size_t)(hit - d->out) + tlen : d->mark;
			return true;
		}
		left = deadline - now_seconds();
		if (d->eof) {
			/* nothing more will come */
			poll_child(d);
			fail_line(d, "expect \"%s\": the command closed the terminal first", text);
			show_output(d);
			return false;
		}
		if (left <= 0) {
			char t[32];
			snprintf(t, sizeof(t), "%g", timeout);
			fail_line(d, "expect timed out after %s s", t);
			fprintf(stderr, "ptydrive: expected: %s\n", text);
			show_output(d);
			return false;
		}
		if (!pump(d, left > 0.5 ? 0.5 : left))
			return false;
	}
}

/* write N bytes of S to the terminal, reading output meanwhile */
static bool
do_write(struct drive *d, const char *s, size_t n, double timeout)
{
	double deadline = now_seconds() + timeout;
	struct pollfd p;
	ssize_t w;

	while (n > 0) {
		if (d->eof) {
			fail_line(d, "%s: the command closed the terminal", "send");
			show_output(d);
			return false;
		}
		w = write(d->master, s, n);
		if (w > 0) {
			s += w;
			n -= (size_t)w;
			continue;
		}
		if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
			fail_line(d, "send: %s", strerror(errno));
			return false;
		}
		if (now_seconds() > deadline) {
			fail_line(d, "%s: the command does not read its input", "send");
			show_output(d);
			return false;
		}
		if (!pump(d, 0))
			return false;
		p.fd = d->master;
		p.events = POLLOUT;
		p.revents = 0;
		poll(&p, 1, 50);
	}
	return true;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* decode the escapes of S in place; returns the length, or -1 */
static long
unescape(char *s)
{
	char *r = s, *w = s;

	while (*r) {
		if (*r != '\\') {
			*w++ = *r++;
			continue;
		}
		r++;
		switch (*r) {
		case 'n': *w++ = '\n'; r++; break;
		case 'r': *w++ = '\r'; r++; break;
		case 't': *w++ = '\t'; r++; break;
		case 'e': *w++ = '\033'; r++; break;
		case '\\': *w++ = '\\'; r++; break;
		case 'x': {
			int hi = hexval(r[1]), lo = hi >= 0 ? hexval(r[2]) : -1;
			if (hi < 0 || lo < 0)
				return -1;
			*w++ = (char)(hi * 16 + lo);
			r += 3;
			break;
		}
		default:
			return -1;
		}
	}
	*w = '\0';
	return (long)(w - s);
}

static bool
parse_seconds(const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || v < 0 || v > 3600)
		return false;
	*out = v;
	return true;
}

static bool
do_wait(struct drive *d, const char *arg, double timeout)
{
	double deadline = now_seconds() + timeout;
	char *end;
	long want;
	char got[64];

	errno = 0;
	want = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || want < 0 || want > 255) {
		fail_line(d, "wait: bad exit status \"%s\"", arg);
		return false;
	}
	for (;;) {
		poll_child(d);
		if (d->exited)
			break;
		if (now_seconds() > deadline) {
			char t[32];
			snprintf(t, sizeof(t), "%g", timeout);
			fail_line(d, "wait: the command still runs after %s s", t);
			show_output(d);
			return false;
		}
		if (!pump(d, 0.05))
			return false;
	}
	/* collect what is left of the output */
	while (!d->eof) {
		size_t before = d->len;
		if (!pump(d, 0.05))
			return false;
		if (d->len == before)
			break;
	}
	if (WIFEXITED(d->status) && WEXITSTATUS(d->status) == want)
		return true;
	describe_status(d->status, got, sizeof(got));
	fprintf(stderr, "ptydrive: %s:%ld: wait %ld: the command %s\n", d->script,
	    d->lineno, want, got);
	show_output(d);
	return false;
}

static void
stop_child(struct drive *d)
{
	double deadline;

	poll_child(d);
	if (d->exited)
		return;
	kill(d->child, SIGTERM);
	deadline = now_seconds() + 2;
	while (!d->exited && now_seconds() < deadline) {
		pump(d, 0.05);
		poll_child(d);
	}
	if (!d->exited) {
		kill(d->child, SIGKILL);
		if (waitpid(d->child, &d->status, 0) == d->child)
			d->exited = true;
	}
}

static char *
read_script(const char *path)
{
	FILE *f = fopen(path, "r");
	char *data = NULL;
	size_t len = 0, alloc = 0, n;
	char buf[4096];

	if (f == NULL)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (len + n + 1 > alloc) {
			char *q;
			alloc = (len + n + 1) * 2;
			if ((q = realloc(data, alloc)) == NULL) {
				free(data);
				fclose(f);
				return NULL;
			}
			data = q;
		}
		memcpy(data + len, buf, n);
		len += n;
	}
	fclose(f);
	if (data == NULL && (data = malloc(1)) == NULL)
		return NULL;
	data[len] = '\0';
	return data;
}

static pid_t
spawn(char **argv, int *master_out)
{
	int master, slave;
	char *name;
	pid_t pid;
	struct winsize ws;

	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0 ||
	    (name = ptsname(master)) == NULL) {
		perror("ptydrive: pseudo-terminal");
		return -1;
	}
	memset(&ws, 0, sizeof(ws));
	ws.ws_row = 24;
	ws.ws_col = 80;
	ioctl(master, TIOCSWINSZ, &ws);
	pid = fork();
	if (pid < 0) {
		perror("ptydrive: fork");
		return -1;
	}
	if (pid == 0) {
		close(master);
		if (setsid() < 0)
			_exit(127);
		slave = open(name, O_RDWR);
		if (slave < 0)
			_exit(127);
		ioctl(slave, TIOCSCTTY, 0);
		dup2(slave, 0);
		dup2(slave, 1);
		dup2(slave, 2);
		if (slave > 2)
			close(slave);
		signal(SIGINT, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		fprintf(stderr, "ptydrive: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
	*master_out = master;
	return pid;
}

int
main(int argc, char **argv)
{
	struct drive d;
	char *script, *line, *next, *arg;
	double timeout = DEFAULT_TIMEOUT, secs;
	bool ok = true;
	long n;

	if (argc < 4 || strcmp(argv[2], "--") != 0) {
		fputs("usage: ptydrive SCRIPT -- CMD [ARG...]\n", stderr);
		return 2;
	}
	memset(&d, 0, sizeof(d));
	d.script = argv[1];
	d.verbose = getenv("PTYDRIVE_VERBOSE") != NULL;
	if ((script = read_script(argv[1])) == NULL) {
		fprintf(stderr, "ptydrive: cannot read %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	d.child = spawn(argv + 3, &d.master);
	if (d.child < 0) {
		free(script);
		return 1;
	}
	for (line = script; ok && line != NULL && *line != '\0'; line = next) {
		size_t l;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		d.lineno++;
		l = strlen(line);
		if (l > 0 && line[l - 1] == '\r')
			line[--l] = '\0';
		while (*line == ' ' || *line == '\t')
			line++;
		if (*line == '\0' || *line == '#')
			continue;
		arg = strchr(line, ' ');
		if (arg != NULL)
			*arg++ = '\0';
		else
			arg = line + strlen(line);
		if (strcmp(line, "expect") == 0) {
			ok = do_expect(&d, arg, timeout);
		} else if (strcmp(line, "send") == 0) {
			ok = do_write(&d, arg, strlen(arg), timeout) &&
			    do_write(&d, "\n", 1, timeout);
		} else if (strcmp(line, "sendraw") == 0) {
			if ((n = unescape(arg)) < 0) {
				fail_line(&d, "sendraw: bad escape in \"%s\"", arg);
				ok = false;
			} else {
				ok = do_write(&d, arg, (size_t)n, timeout);
			}
		} else if (strcmp(line, "timeout") == 0) {
			if (!parse_seconds(arg, &secs) || secs <= 0) {
				fail_line(&d, "timeout: bad number of seconds \"%s\"", arg);
				ok = false;
			} else {
				timeout = secs;
			}
		} else if (strcmp(line, "sleep") == 0) {
			if (!parse_seconds(arg, &secs) || secs > 60) {
				fail_line(&d, "sleep: bad number of seconds \"%s\"", arg);
				ok = false;
			} else {
				double until = now_seconds() + secs;
				while (ok && now_seconds() < until)
					ok = pump(&d, until - now_seconds());
			}
		} else if (strcmp(line, "wait") == 0) {
			ok = do_wait(&d, arg, timeout);
		} else {
			fail_line(&d, "unknown command \"%s\"", line);
			ok = false;
		}
	}
	stop_child(&d);
	close(d.master);
	free(d.out);
	free(script);
	return ok ? 0 : 1;
}
