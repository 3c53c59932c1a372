"""Reads Inspect logs with Inspect AI's own reader and prints one JSON line per log (test helper).

Usage: python read-logs.py LOG.json [LOG.json ...]
"""

import json
import sys

from inspect_ai.log import read_eval_log, read_eval_log_sample_summaries

for path in sys.argv[1:]:
    log = read_eval_log(path)
    header = read_eval_log(path, header_only=True)
    first = log.samples[0]
    print(json.dumps({
        "file": path,
        "status": log.status,
        "header_status": header.status,
        "task": log.eval.task,
        "model": log.eval.model,
        "epochs": log.eval.config.epochs,
        "samples": len(log.samples),
        "summaries": len(read_eval_log_sample_summaries(path)),
        "scores": [s.name for s in log.results.scores],
        "metrics": {s.name: {k: m.value for k, m in s.metrics.items()} for s in log.results.scores},
        "first": {
            "id": first.id,
            "epoch": first.epoch,
            "roles": [m.role for m in first.messages],
            "by": [(m.metadata or {}).get("by") for m in first.messages],
            "scores": {k: v.value for k, v in (first.scores or {}).items()},
            "events": [e.event for e in first.events],
        },
        "errors": sum(1 for s in log.samples if s.error is not None),
    }))
