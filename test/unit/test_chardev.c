/*
 * test/unit/test_chardev.c — core/chardev.c: the null and file backends, a machine's set of
 * backends (serial_hd, the console), input routing between two front ends, and
 * back-pressure (input a front end has no room for stays with the backend); and the UART as
 * a front end (its FIFO's room).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/chardev.h"
#include "core/machine.h"
#include "hw/char/uart16550.h"
#include "test.h"

/* ---- a scripted backend: input from a string, output collected ---------------------- */

typedef struct Script {
    const char *input;
    size_t pos;
    char out[256];
    size_t out_len;
} Script;

static void script_write(Chardev *c, const void *buf, size_t len)
{
    Script *s = c->opaque;
    memcpy(s->out + s->out_len, buf, len);
    s->out_len += len;
}

static size_t script_read(Chardev *c, void *buf, size_t len)
{
    Script *s = c->opaque;
    size_t left = strlen(s->input) - s->pos;
    size_t n = len < left ? len : left;
    memcpy(buf, s->input + s->pos, n);
    s->pos += n;
    return n;
}

static const ChardevOps script_ops = {.driver = "script", .write = script_write,
                                      .read = script_read};

/* ---- a front end with a FIFO of settable room ---------------------------------------- */

typedef struct Sink {
    char got[256];
    size_t len;
    size_t room;
} Sink;

static size_t sink_can_receive(void *opaque)
{
    return ((Sink *)opaque)->room;
}

static void sink_receive(void *opaque, const uint8_t *buf, size_t len)
{
    Sink *s = opaque;
    memcpy(s->got + s->len, buf, len);
    s->len += len;
    s->room -= len;
}

static const CharFrontendOps sink_ops = {sink_can_receive, sink_receive};

static bool got_is(const Sink *s, const char *want)
{
    return s->len == strlen(want) && memcmp(s->got, want, s->len) == 0;
}

/* ---- tests ---------------------------------------------------------------------------- */

TEST(null_backend)
{
    ChardevConfig cc = {.opt = "-serial", .arg = "null", .id = "serial0",
                        .backend = CHARDEV_NULL};
    char err[256];
    Chardev *c = chardev_open(&cc, err, sizeof(err));
    CHECK(c && strcmp(c->ops->driver, "null") == 0);
    Sink sink = {.room = 16};
    CharFrontend fe;
    CHECK(chardev_fe_init(&fe, c, &sink_ops, &sink));
    chardev_fe_write(&fe, "dropped", 7);
    chardev_poll(c); /* no input at all */
    CHECK(sink.len == 0 && sink.room == 16);
    chardev_free(c);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    char *buf = calloc(1, 4096);
    *len = fread(buf, 1, 4095, f);
    fclose(f);
    return buf;
}

TEST(file_backend_truncates_or_appends)
{
    char path[] = "/tmp/test_chardev_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    CHECK(write(fd, "old contents\n", 13) == 13);
    close(fd);

    char err[256];
    ChardevConfig cc = {.opt = "-serial", .arg = "file:...", .id = "serial0",
                        .backend = CHARDEV_FILE, .path = path};
    Chardev *c = chardev_open(&cc, err, sizeof(err));
    CHECK(c != NULL);
    CharFrontend fe;
    CHECK(chardev_fe_init(&fe, c, NULL, NULL));
    chardev_fe_write(&fe, "Hello", 5);
    chardev_fe_write(&fe, ", world\n", 8);
    size_t len;
    char *got = read_all(path, &len); /* written through, before the backend is closed */
    CHECK(got && len == 13 && memcmp(got, "Hello, world\n", 13) == 0);
    free(got);
    chardev_free(c);

    cc.append = true;
    c = chardev_open(&cc, err, sizeof(err));
    CHECK(c != NULL);
    chardev_write(c, "more\n", 5);
    chardev_free(c);
    got = read_all(path, &len);
    CHECK(got && len == 18 && memcmp(got, "Hello, world\nmore\n", 18) == 0);
    free(got);
    unlink(path);

    ChardevConfig bad = {.opt = "-chardev", .arg = "file,id=f,path=/nonexistent/x",
                         .id = "f", .backend = CHARDEV_FILE, .path = "/nonexistent/x"};
    CHECK(chardev_open(&bad, err, sizeof(err)) == NULL);
    CHECK(strcmp(err, "-chardev file,id=f,path=/nonexistent/x: Could not open "
                      "'/nonexistent/x': No such file or directory") == 0);
}

TEST(routing_between_two_front_ends)
{
    Script sc = {.input = "ab"};
    Chardev *c = chardev_new("con", &script_ops, &sc);
    Sink uart = {.room = 16}, hvc = {.room = 16};
    CharFrontend fe_uart, fe_hvc;
    CHECK(chardev_fe_init(&fe_uart, c, &sink_ops, &uart));
    CHECK(chardev_fe_init(&fe_hvc, c, &sink_ops, &hvc));
    CHECK(chardev_receiver(c) == &fe_uart); /* the first front end, until another claims */
    chardev_poll(c);
    CHECK(got_is(&uart, "ab") && hvc.len == 0);

    /* both write to the backend, in order */
    chardev_fe_write(&fe_uart, "U", 1);
    chardev_fe_write(&fe_hvc, "H", 1);
    CHECK(sc.out_len == 2 && memcmp(sc.out, "UH", 2) == 0);

    chardev_fe_claim_input(&fe_hvc); /* e.g. the guest wrote to hvc0 */
    CHECK(chardev_receiver(c) == &fe_hvc);
    sc.input = "abcd";
    chardev_poll(c);
    CHECK(got_is(&hvc, "cd") && got_is(&uart, "ab"));
    /* the UART writing again does not take the input back */
    chardev_fe_write(&fe_uart, "U", 1);
    CHECK(chardev_receiver(c) == &fe_hvc);
    CHECK(chardev_fe_claimed(&fe_hvc) && !chardev_fe_claimed(&fe_uart));
    chardev_fe_release_input(&fe_uart); /* holds no claim: nothing changes */
    CHECK(chardev_receiver(c) == &fe_hvc);
    chardev_fe_release_input(&fe_hvc); /* e.g. a state saved before the claim is loaded */
    CHECK(chardev_receiver(c) == &fe_uart && !chardev_fe_claimed(&fe_hvc));
    chardev_fe_claim_input(&fe_hvc);
    CHECK(chardev_receiver(c) == &fe_hvc);
    chardev_free(c);
}

TEST(back_pressure_keeps_input_queued)
{
    Script sc = {.input = "hello"};
    Chardev *c = chardev_new("con", &script_ops, &sc);
    Sink s = {.room = 3};
    CharFrontend fe;
    CHECK(chardev_fe_init(&fe, c, &sink_ops, &s));
    chardev_poll(c);
    CHECK(got_is(&s, "hel"));
    CHECK(sc.pos == 3); /* "lo" still with the backend */
    chardev_poll(c);    /* no room: nothing taken */
    CHECK(sc.pos == 3 && got_is(&s, "hel"));
    s.room = 10;
    chardev_poll(c);
    CHECK(got_is(&s, "hello") && sc.pos == 5);
    chardev_free(c);
}

TEST(front_end_limits_and_no_backend)
{
    Script sc = {.input = ""};
    Chardev *c = chardev_new("con", &script_ops, &sc);
    CharFrontend fe[CHARDEV_MAX_FRONTENDS + 1];
    for (int i = 0; i < CHARDEV_MAX_FRONTENDS; i++) {
        CHECK(chardev_fe_init(&fe[i], c, NULL, NULL));
    }
    CHECK(!chardev_fe_init(&fe[CHARDEV_MAX_FRONTENDS], c, NULL, NULL));
    chardev_poll(c); /* the receiver takes no input (ops NULL): nothing read */
    chardev_free(c);

    CharFrontend none;
    CHECK(chardev_fe_init(&none, NULL, &sink_ops, NULL));
    CHECK(!chardev_fe_connected(&none));
    chardev_fe_write(&none, "x", 1); /* dropped */
    chardev_fe_claim_input(&none);
}

TEST(machine_set_serial_hd_and_console)
{
    static MachineConfig cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.chardevs[0] = (ChardevConfig){.opt = "-serial", .arg = "null", .id = "serial0",
                                      .backend = CHARDEV_NULL};
    cfg.chardevs[1] = (ChardevConfig){.opt = "-chardev", .arg = "stdio,id=con", .id = "con",
                                      .backend = CHARDEV_STDIO};
    cfg.nchardevs = 2;
    cfg.serial[0] = 0;
    cfg.serial[1] = -1;
    cfg.serial[2] = 1;
    cfg.nserial = 3;
    ChardevSet s;
    char err[256];
    CHECK(chardevs_init(&s, &cfg, err, sizeof(err)));
    CHECK(chardevs_serial(&s, 0) && strcmp(chardevs_serial(&s, 0)->id, "serial0") == 0);
    CHECK(chardevs_serial(&s, 1) == NULL);
    CHECK(chardevs_serial(&s, 2) && strcmp(chardevs_serial(&s, 2)->id, "con") == 0);
    CHECK(chardevs_serial(&s, 3) == NULL && chardevs_serial(&s, 99) == NULL);
    /* the console is the stdio backend the command line made */
    CHECK(chardevs_console(&s) == chardevs_serial(&s, 2));
    chardevs_destroy(&s);

    cfg.nchardevs = 1;
    cfg.nserial = 1;
    CHECK(chardevs_init(&s, &cfg, err, sizeof(err)));
    Chardev *con = chardevs_console(&s); /* none configured: made on demand, once */
    CHECK(con && strcmp(con->ops->driver, "stdio") == 0);
    CHECK(chardevs_console(&s) == con && s.ndevs == 2);
    chardevs_destroy(&s);

    cfg.chardevs[0] = (ChardevConfig){.opt = "-serial", .arg = "file:/nonexistent/x",
                                      .id = "serial0", .backend = CHARDEV_FILE,
                                      .path = "/nonexistent/x"};
    CHECK(!chardevs_init(&s, &cfg, err, sizeof(err)));
    CHECK(strcmp(err, "-serial file:/nonexistent/x: Could not open '/nonexistent/x': No such "
                      "file or directory") == 0);
}

/* The UART takes input as its 16-byte receive FIFO has room; the rest waits. */
TEST(uart_fifo_back_pressure)
{
    static Machine m; /* only its device list is used */
    static Uart16550 u;
    Script sc = {.input = "0123456789abcdefXYZ"};
    Chardev *c = chardev_new("serial0", &script_ops, &sc);
    CHECK(uart16550_init(&u, &m, "serial0", 0, c));
    chardev_poll(c);
    CHECK(u.rx_count == UART_RX_FIFO && sc.pos == 16);
    chardev_poll(c);
    CHECK(sc.pos == 16); /* FIFO full: "XYZ" stays queued */
    CHECK(uart16550_ops.read(&u, 0, 1) == '0'); /* RBR */
    CHECK(uart16550_ops.read(&u, 0, 1) == '1');
    chardev_poll(c);
    CHECK(u.rx_count == UART_RX_FIFO && sc.pos == 18);
    uart16550_ops.write(&u, 0, 'T', 1); /* THR: to the backend */
    CHECK(sc.out_len == 1 && sc.out[0] == 'T');
    chardev_free(c);
}

int main(void)
{
    RUN(null_backend);
    RUN(file_backend_truncates_or_appends);
    RUN(routing_between_two_front_ends);
    RUN(back_pressure_keeps_input_queued);
    RUN(front_end_limits_and_no_backend);
    RUN(machine_set_serial_hd_and_console);
    RUN(uart_fifo_back_pressure);
    return test_summary();
}
