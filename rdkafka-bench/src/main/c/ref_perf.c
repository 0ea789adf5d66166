/*
 * The native floor for the side-by-side benchmark: produces or consumes with librdkafka directly, with
 * the same configuration the binding's perf tool gets, and prints one JSON line of results.
 *
 *   ref_perf -P -b BROKERS -t TOPIC -n COUNT -s SIZE [-X prop=val]...
 *   ref_perf -C -b BROKERS -t TOPIC -n COUNT -g GROUP [-X prop=val]...
 */
#include <librdkafka/rdkafka.h>
#include <signal.h>
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

int main(int argc, char **argv) {
        char errstr[512];
        const char *brokers = "localhost:9092", *topic = "perf", *group = "ref-perf";
        long count = 100000, size = 100;
        int mode = 0, opt;
        rd_kafka_conf_t *conf = rd_kafka_conf_new();

        while ((opt = getopt(argc, argv, "PCb:t:n:s:g:X:")) != -1) {
                switch (opt) {
                case 'P': mode = 'P'; break;
                case 'C': mode = 'C'; break;
                case 'b': brokers = optarg; break;
                case 't': topic = optarg; break;
                case 'n': count = atol(optarg); break;
                case 's': size = atol(optarg); break;
                case 'g': group = optarg; break;
                case 'X': {
                        char *eq = strchr(optarg, '=');
                        if (!eq) die("-X", "expected prop=value");
                        *eq = '\0';
                        if (rd_kafka_conf_set(conf, optarg, eq + 1, errstr, sizeof(errstr)) != RD_KAFKA_CONF_OK)
                                die(optarg, errstr);
                        break;
                }
                default: die("usage", "ref_perf -P|-C -b brokers -t topic -n count [-s size] [-g group] [-X k=v]");
                }
        }
        if (!mode) die("usage", "-P or -C is required");
        if (rd_kafka_conf_set(conf, "bootstrap.servers", brokers, errstr, sizeof(errstr)) != RD_KAFKA_CONF_OK)
                die("bootstrap.servers", errstr);

        double t0, t1;
        long bytes = 0, msgs = 0;
        if (mode == 'P') {
                rd_kafka_conf_set_dr_msg_cb(conf, dr_cb);
                rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
                if (!rk) die("rd_kafka_new", errstr);
                rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic, NULL);
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
        double secs = t1 - t0;
        printf("{\"tool\":\"native\",\"mode\":\"%s\",\"msgs\":%ld,\"bytes\":%ld,\"secs\":%.3f,"
               "\"msgs_per_sec\":%.1f,\"mb_per_sec\":%.3f,\"failed\":%ld,\"peak_rss_kb\":%ld}\n",
               mode == 'P' ? "produce" : "consume", msgs, bytes, secs, secs > 0 ? msgs / secs : 0,
               secs > 0 ? bytes / secs / 1048576.0 : 0, failed, peak_rss_kb());
        return failed ? 2 : 0;
}
