/*
 * The native floor for the side-by-side benchmark: produces, consumes, or measures end-to-end latency
 * with librdkafka directly, with the same configuration the binding gets, and prints one JSON line.
 *
 *   ref_perf -P -b BROKERS -t TOPIC -n COUNT -s SIZE [-X prop=val]...
 *   ref_perf -C -b BROKERS -t TOPIC -n COUNT -g GROUP [-X prop=val]...
 *   ref_perf -E -b BROKERS -t TOPIC -r RATE -d SECONDS [-w WARMUP_SECONDS] -s SIZE [-X prop=val]...
 *
 * -P: times from the first produce call to the end of rd_kafka_flush (the topic's metadata is fetched
 *     before the clock starts, as the binding's perf tool does); delivery reports are served by
 *     rd_kafka_poll(rk, 0) after every produce, as in librdkafka's rdkafka_performance.
 * -C: a group consumer (subscribe) from the earliest offset; times from the first record to the last.
 * -E: a producer paced at RATE msg/s for SECONDS and a consumer thread (assign, offset 0) in the same
 *     process; each payload starts with its send time (CLOCK_MONOTONIC ns); latencies of records sent
 *     after the warm-up are reported as percentiles (microseconds).
 */
#include <librdkafka/rdkafka.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long delivered, failed;

static double now_s(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int64_t now_ns(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long peak_rss_kb(void) {
        FILE *f = fopen("/proc/self/status", "r");
        char line[256];
        long kb = -1;
        if (!f) return -1;
        while (fgets(line, sizeof(line), f))
                if (!strncmp(line, "VmHWM:", 6)) kb = atol(line + 6);
        fclose(f);
        return kb;
}

static void dr_cb(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque) {
        (void)rk; (void)opaque;
        if (m->err) failed++;
        else delivered++;
}

static void die(const char *what, const char *why) {
        fprintf(stderr, "ref_perf: %s: %s\n", what, why);
        exit(1);
}

/* Waits until the topic's metadata lists partitions (connects and learns the leaders first). */
static int await_topic(rd_kafka_t *rk, rd_kafka_topic_t *rkt) {
        double deadline = now_s() + 30;
        while (now_s() < deadline) {
                const struct rd_kafka_metadata *md = NULL;
                int parts = 0;
                if (rd_kafka_metadata(rk, 0, rkt, &md, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
                        if (md->topic_cnt == 1 && !md->topics[0].err) parts = md->topics[0].partition_cnt;
                        rd_kafka_metadata_destroy(md);
                }
                if (parts > 0) return parts;
                usleep(200000);
        }
        die("metadata", "the topic did not appear");
        return 0;
}

static int cmp_i64(const void *a, const void *b) {
        int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
        return x < y ? -1 : x > y;
}

/* ---- -E: end-to-end latency ---------------------------------------------------------------------- */

struct e2e {
        rd_kafka_t *consumer;
        volatile int stop;
        int64_t measure_from; /* send times before this are warm-up */
        int64_t *lat;         /* microseconds */
        long cap, n, received;
};

static void *e2e_consume(void *arg) {
        struct e2e *e = arg;
        while (!e->stop) {
                rd_kafka_message_t *m = rd_kafka_consumer_poll(e->consumer, 100);
                if (!m) continue;
                if (!m->err && m->len >= 8) {
                        int64_t sent;
                        memcpy(&sent, m->payload, 8);
                        e->received++;
                        if (sent >= e->measure_from && e->n < e->cap) e->lat[e->n++] = (now_ns() - sent) / 1000;
                }
                rd_kafka_message_destroy(m);
        }
        return NULL;
}

static int run_e2e(rd_kafka_conf_t *pconf, const char *brokers, const char *topic, long size, double rate,
                   double secs, double warmup) {
        char errstr[512];
        rd_kafka_conf_t *cconf = rd_kafka_conf_dup(pconf);
        rd_kafka_conf_set_dr_msg_cb(pconf, dr_cb);
        rd_kafka_t *prod = rd_kafka_new(RD_KAFKA_PRODUCER, pconf, errstr, sizeof(errstr));
        if (!prod) die("rd_kafka_new", errstr);
        if (rd_kafka_conf_set(cconf, "group.id", "ref-perf-e2e", errstr, sizeof(errstr)) != RD_KAFKA_CONF_OK ||
            rd_kafka_conf_set(cconf, "enable.auto.commit", "false", errstr, sizeof(errstr)) != RD_KAFKA_CONF_OK)
                die("conf", errstr);
        (void)brokers;
        rd_kafka_t *cons = rd_kafka_new(RD_KAFKA_CONSUMER, cconf, errstr, sizeof(errstr));
        if (!cons) die("rd_kafka_new", errstr);
        rd_kafka_poll_set_consumer(cons);
        rd_kafka_topic_t *rkt = rd_kafka_topic_new(prod, topic, NULL);
        int parts = await_topic(prod, rkt);
        rd_kafka_topic_partition_list_t *tpl = rd_kafka_topic_partition_list_new(parts);
        for (int p = 0; p < parts; p++)
                rd_kafka_topic_partition_list_add(tpl, topic, p)->offset = RD_KAFKA_OFFSET_BEGINNING; /* a fresh topic */
        rd_kafka_resp_err_t err = rd_kafka_assign(cons, tpl);
        rd_kafka_topic_partition_list_destroy(tpl);
        if (err) die("assign", rd_kafka_err2str(err));

        struct e2e e = {0};
        e.consumer = cons;
        e.cap = (long)(rate * secs) + 16;
        e.lat = malloc(sizeof(int64_t) * e.cap);
        pthread_t th;
        pthread_create(&th, NULL, e2e_consume, &e);
        /* let the consumer connect and start fetching before sending */
        sleep(2);

        if (size < 8) size = 8;
        char *payload = calloc(1, size);
        memset(payload + 8, 'x', size - 8);
        int64_t start = now_ns();
        e.measure_from = start + (int64_t)(warmup * 1e9);
        int64_t end = start + (int64_t)((warmup + secs) * 1e9);
        double interval = 1e9 / rate;
        long sent = 0;
        for (;;) {
                int64_t due = start + (int64_t)(sent * interval);
                if (due >= end) break;
                int64_t t;
                /* sleep until due (no spinning: the broker shares the cores); after an oversleep the
                   records that fell due are sent back to back, so the average rate holds */
                while ((t = now_ns()) < due) {
                        rd_kafka_poll(prod, 0);
                        struct timespec ts = {0, due - t};
                        nanosleep(&ts, NULL);
                }
                int64_t ts = now_ns();
                memcpy(payload, &ts, 8);
                if (rd_kafka_produce(rkt, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY, payload, size, NULL, 0,
                                     NULL) == -1)
                        die("produce", rd_kafka_err2str(rd_kafka_last_error()));
                sent++;
                rd_kafka_poll(prod, 0);
        }
        rd_kafka_flush(prod, 30000);
        double wait_until = now_s() + 10;
        while (e.received < sent && now_s() < wait_until) usleep(10000);
        e.stop = 1;
        pthread_join(th, NULL);
        qsort(e.lat, e.n, sizeof(int64_t), cmp_i64);
#define PCT(p) (e.n ? e.lat[(long)((p) / 100.0 * (e.n - 1) + 0.5)] / 1000.0 : 0)
        printf("{\"tool\":\"native\",\"mode\":\"e2e\",\"rate\":%.0f,\"sent\":%ld,\"received\":%ld,\"measured\":%ld,"
               "\"latency_ms\":{\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,\"p99_9\":%.3f,\"max\":%.3f},"
               "\"peak_rss_kb\":%ld}\n",
               rate, sent, e.received, e.n, PCT(50), PCT(90), PCT(99), PCT(99.9),
               e.n ? e.lat[e.n - 1] / 1000.0 : 0, peak_rss_kb());
        rd_kafka_consumer_close(cons);
        rd_kafka_destroy(cons);
        rd_kafka_topic_destroy(rkt);
        rd_kafka_destroy(prod);
        free(payload);
        free(e.lat);
        return e.received < sent ? 2 : 0;
}

int main(int argc, char **argv) {
        char errstr[512];
        const char *brokers = "localhost:9092", *topic = "perf", *group = "ref-perf";
        long count = 100000, size = 100;
        double rate = 20000, secs = 10, warmup = 2;
        int mode = 0, opt;
        rd_kafka_conf_t *conf = rd_kafka_conf_new();

        while ((opt = getopt(argc, argv, "PCEb:t:n:s:g:r:d:w:X:")) != -1) {
                switch (opt) {
                case 'P': mode = 'P'; break;
                case 'C': mode = 'C'; break;
                case 'E': mode = 'E'; break;
                case 'b': brokers = optarg; break;
                case 't': topic = optarg; break;
                case 'n': count = atol(optarg); break;
                case 's': size = atol(optarg); break;
                case 'g': group = optarg; break;
                case 'r': rate = atof(optarg); break;
                case 'd': secs = atof(optarg); break;
                case 'w': warmup = atof(optarg); break;
                case 'X': {
                        char *eq = strchr(optarg, '=');
                        if (!eq) die("-X", "expected prop=value");
                        *eq = '\0';
                        if (rd_kafka_conf_set(conf, optarg, eq + 1, errstr, sizeof(errstr)) != RD_KAFKA_CONF_OK)
                                die(optarg, errstr);
                        break;
                }
                default: die("usage", "ref_perf -P|-C|-E -b brokers -t topic [-n count] [-s size] [-g group] "
                             "[-r rate -d secs -w warmup] [-X k=v]");
                }
        }
        if (!mode) die("usage", "-P, -C or -E is required");
        if (rd_kafka_conf_set(conf, "bootstrap.servers", brokers, errstr, sizeof(errstr)) != RD_KAFKA_CONF_OK)
                die("bootstrap.servers", errstr);
        if (mode == 'E') return run_e2e(conf, brokers, topic, size, rate, secs, warmup);

        double t0, t1;
        long bytes = 0, msgs = 0;
        if (mode == 'P') {
                rd_kafka_conf_set_dr_msg_cb(conf, dr_cb);
                rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
                if (!rk) die("rd_kafka_new", errstr);
                rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic, NULL);
                await_topic(rk, rkt);
                char *payload = malloc(size);
                memset(payload, 'x', size);
                t0 = now_s();
                for (long i = 0; i < count; i++) {
                        while (rd_kafka_produce(rkt, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY, payload, size,
                                                NULL, 0, NULL) == -1) {
                                if (rd_kafka_last_error() != RD_KAFKA_RESP_ERR__QUEUE_FULL)
                                        die("produce", rd_kafka_err2str(rd_kafka_last_error()));
                                rd_kafka_poll(rk, 10);
                        }
                        rd_kafka_poll(rk, 0);
                }
                rd_kafka_flush(rk, 60000);
                t1 = now_s();
                msgs = delivered;
                bytes = delivered * size;
                free(payload);
                rd_kafka_topic_destroy(rkt);
                rd_kafka_destroy(rk);
        } else {
                if (rd_kafka_conf_set(conf, "group.id", group, errstr, sizeof(errstr)) != RD_KAFKA_CONF_OK ||
                    rd_kafka_conf_set(conf, "auto.offset.reset", "earliest", errstr, sizeof(errstr)) != RD_KAFKA_CONF_OK)
                        die("conf", errstr);
                rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof(errstr));
                if (!rk) die("rd_kafka_new", errstr);
                rd_kafka_poll_set_consumer(rk);
                rd_kafka_topic_partition_list_t *topics = rd_kafka_topic_partition_list_new(1);
                rd_kafka_topic_partition_list_add(topics, topic, RD_KAFKA_PARTITION_UA);
                rd_kafka_resp_err_t err = rd_kafka_subscribe(rk, topics);
                rd_kafka_topic_partition_list_destroy(topics);
                if (err) die("subscribe", rd_kafka_err2str(err));
                t0 = 0;
                double deadline = now_s() + 120;
                while (msgs < count && now_s() < deadline) {
                        rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 100);
                        if (!m) continue;
                        if (!m->err) {
                                if (!t0) t0 = now_s(); /* time from the first record, as the Java tools do */
                                msgs++;
                                bytes += m->len;
                        }
                        rd_kafka_message_destroy(m);
                }
                t1 = now_s();
                rd_kafka_consumer_close(rk);
                rd_kafka_destroy(rk);
                failed = count - msgs;
        }
        double secs_used = t1 - t0;
        printf("{\"tool\":\"native\",\"mode\":\"%s\",\"msgs\":%ld,\"bytes\":%ld,\"secs\":%.3f,"
               "\"msgs_per_sec\":%.1f,\"mb_per_sec\":%.3f,\"failed\":%ld,\"peak_rss_kb\":%ld}\n",
               mode == 'P' ? "produce" : "consume", msgs, bytes, secs_used, secs_used > 0 ? msgs / secs_used : 0,
               secs_used > 0 ? bytes / secs_used / 1e6 : 0, failed, peak_rss_kb());
        return failed ? 2 : 0;
}
