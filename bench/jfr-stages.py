#!/usr/bin/env python3
"""Where the server's CPU goes, by stage, from a JFR recording's execution samples.

    [FROM=HH:MM:SS TO=HH:MM:SS] [CPU_CORES=c SECONDS_RECORDED=s] bench/jfr-stages.py recording.jfr [messages]

FROM and TO (UTC, as jfr prints) keep only the samples of a measured window, e.g. one step of S2.

Each sample is charged to one stage: the first frame from the top of its stack that belongs to a
known component (so JSON encoding called by the gateway counts as JSON, not as gateway). With the
number of messages the recording covered, it also prints the share of each stage in µs of CPU per
message, from the samples' share of the process CPU the bench measured (pass it as
CPU_CORES=<cores> in the environment; samples alone give only proportions).
"""
import collections
import os
import subprocess
import sys

STAGES = [  # (stage, package prefixes); the first match from the top of the stack wins
    ("embedded store (mongo-java-server, H2)", ("de.bwaldvogel.", "org.h2.", "chat.weiliao.allinone.store.")),
    ("MongoDB driver and BSON", ("com.mongodb.", "org.bson.", "io.vertx.ext.mongo.")),
    ("JSON (Jackson, JsonObject)", ("com.fasterxml.jackson.", "io.vertx.core.json.")),
    ("Redis client", ("io.vertx.redis.",)),
    ("chat-service", ("chat.weiliao.chat.",)),
    ("user-service", ("chat.weiliao.user.",)),
    ("signaling-service", ("chat.weiliao.signaling.",)),
    ("gateway", ("chat.weiliao.gateway.",)),
    ("common (bus API, config)", ("chat.weiliao.common.",)),
    ("event bus", ("io.vertx.core.eventbus.", "io.vertx.core.impl.eventbus.", "io.vertx.core.eventbus.impl.")),
    ("WebSocket and HTTP (Vert.x, Netty codecs)", ("io.vertx.core.http.", "io.netty.handler.codec.")),
    ("network I/O (Netty transport)", ("io.netty.", "sun.nio.", "java.nio.")),
    ("Vert.x core (futures, contexts)", ("io.vertx.",)),
]


# Frames charged to their caller: buffers, collections and the like serve whoever calls them.
GENERIC = ("java.", "jdk.", "sun.", "io.netty.buffer.", "io.netty.util.")


def stage_of(frames):
    for frame in frames:
        if frame.startswith(GENERIC):
            continue
        for stage, prefixes in STAGES:
            if frame.startswith(prefixes):
                return stage
    return "other (JDK, GC helpers)"


def samples(path):
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", path],
                          capture_output=True, text=True, check=True).stdout
    start, end = os.environ.get("FROM", "00:00:00"), os.environ.get("TO", "99:99:99")
    frames = []
    in_stack = False
    in_window = True
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("startTime = "):
            at = line.split("=")[1].strip()[:8]
            in_window = start <= at <= end
        elif line.startswith("stackTrace = ["):
            frames, in_stack = [], True
        elif in_stack and line.startswith("]"):
            in_stack = False
            if in_window:
                yield frames
        elif in_stack and line and not line.startswith("..."):
            frames.append(line.split("(")[0].replace("/", "."))


def main():
    path = sys.argv[1]
    messages = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    cores = float(os.environ.get("CPU_CORES", "0"))
    seconds = float(os.environ.get("SECONDS_RECORDED", "0"))
    counts = collections.Counter(stage_of(frames) for frames in samples(path))
    total = sum(counts.values())
    print(f"| stage | samples | share |" + (" µs CPU per message |" if messages and cores and seconds else ""))
    print("| --- | --- | --- |" + (" --- |" if messages and cores and seconds else ""))
    for stage, count in counts.most_common():
        row = f"| {stage} | {count} | {100.0 * count / total:.1f} % |"
        if messages and cores and seconds:
            row += f" {count / total * cores * seconds * 1e6 / messages:.0f} |"
        print(row)
    print(f"| all | {total} | 100 % |" + (f" {cores * seconds * 1e6 / messages:.0f} |" if messages and cores and seconds else ""))


if __name__ == "__main__":
    main()
