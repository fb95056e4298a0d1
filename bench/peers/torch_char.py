#!/usr/bin/python3
"""torch_char.py - rnnlab's PyTorch peer for character-level language modelling (char-rnn setting).

The text's characters (sorted, from the whole file) are the vocabulary; the
first 90 % of the text trains, the contiguous last 10 % validates. Training
cuts the training text into B parallel streams and walks them in chunks of S
characters: truncated BPTT, the hidden state carried from one chunk to the
next (detached) and reset at the start of every pass over the data; Adam,
global gradient-norm clipping at 5, float32, one-hot inputs, a multi-layer
torch.nn.LSTM | GRU | RNN followed by torch.nn.Linear. Validation runs the
whole validation text as B streams with the state carried and reports the
mean cross-entropy in nats per character (bits = nats / ln 2). Training stops
once SECONDS of training time (evaluations excluded) have been spent.

Usage: /usr/bin/python3 torch_char.py TEXT [CELL lstm|gru|rnn] [HIDDEN 256] [LAYERS 2] [SEQ 64]
       [BATCH 32] [LR 0.002] [SECONDS 300] [THREADS 1] [SEED 0] [options]
Options (anywhere on the line):
  --curve            also print "EVAL train_seconds=.. step=.. val_loss=.." at each evaluation,
                     before training (step 0) and at the end (the RESULT's val_loss), for
                     charting validation loss against training time
  --eval-every=N     evaluate every N training steps (default 200)
  --eval-seconds=X   evaluate every X seconds of training time instead
  --cosine-to=LR     decay the learning rate from LR along a cosine to this value over the SECONDS
                     of training time (the time-budget form of rnnlab's schedule.decay: cosine;
                     without it the rate stays constant)
Output: at each evaluation
  eval seconds=.. step=.. epoch=.. train_loss=.. val_loss=.. val_bpc=..
then
  RESULT torch_char cell=.. H=.. layers=.. S=.. B=.. lr=.. threads=.. train_s=.. steps=..
         chars_per_s=.. us_per_char=.. val_loss=.. best_val_loss=.. V=.. seed=..
"""
import math
import sys
import time

import torch

CELLS = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}
CLIP = 5.0


def arguments(argv):
    spec = [("text", str, None), ("cell", str, "lstm"), ("hidden", int, 256), ("layers", int, 2),
            ("seq", int, 64), ("batch", int, 32), ("lr", float, 0.002), ("seconds", float, 300.0),
            ("threads", int, 1), ("seed", int, 0)]
    opts = {"curve": False, "eval_every": 200, "eval_seconds": None, "cosine_to": None}
    positional = []
    for arg in argv:
        if arg == "--curve":
            opts["curve"] = True
        elif arg.startswith("--eval-every="):
            opts["eval_every"] = int(arg.split("=", 1)[1])
        elif arg.startswith("--eval-seconds="):
            opts["eval_seconds"] = float(arg.split("=", 1)[1])
        elif arg.startswith("--cosine-to="):
            opts["cosine_to"] = float(arg.split("=", 1)[1])
        elif arg.startswith("--"):
            sys.exit(__doc__)
        else:
            positional.append(arg)
    if not 1 <= len(positional) <= len(spec):
        sys.exit(__doc__)
    a = {name: (kind(positional[i]) if i < len(positional) else default)
         for i, (name, kind, default) in enumerate(spec)}
    if a["cell"] not in CELLS:
        sys.exit(__doc__)
    a.update(opts)
    return a


def as_streams(ids, streams):
    """Inputs and next-character targets, time-major (length, streams)."""
    length = (len(ids) - 1) // streams
    x = ids[: length * streams].view(streams, length).t().contiguous()
    y = ids[1: length * streams + 1].view(streams, length).t().contiguous()
    return x, y


def detached(state):
    if isinstance(state, tuple):
        return tuple(s.detach() for s in state)
    return state.detach()


class CharModel(torch.nn.Module):
    def __init__(self, cell, vocab, hidden, layers):
        super().__init__()
        self.vocab = vocab
        self.core = CELLS[cell](vocab, hidden, layers)
        self.readout = torch.nn.Linear(hidden, vocab)
        self.register_buffer("one_hot", torch.eye(vocab), persistent=False)

    def forward(self, ids, state):
        out, state = self.core(self.one_hot[ids], state)
        return self.readout(out).reshape(-1, self.vocab), state


def main():
    a = arguments(sys.argv[1:])
    torch.set_num_threads(a["threads"])
    torch.manual_seed(a["seed"])
    S, B = a["seq"], a["batch"]

    with open(a["text"], encoding="utf-8") as f:
        text = f.read()
    vocab = sorted(set(text))
    index = {ch: i for i, ch in enumerate(vocab)}
    ids = torch.tensor([index[ch] for ch in text], dtype=torch.long)
    split = int(0.9 * len(ids))
    train_x, train_y = as_streams(ids[:split], B)
    val_x, val_y = as_streams(ids[split:], B)
    if train_x.shape[0] < S:
        sys.exit(f"training text too short for {B} streams of {S} characters")

    model = CharModel(a["cell"], len(vocab), a["hidden"], a["layers"])
    params = list(model.parameters())
    opt = torch.optim.Adam(params, lr=a["lr"])
    loss_fn = torch.nn.CrossEntropyLoss()

    def validation_loss():
        total, count, state = 0.0, 0, None
        with torch.no_grad():
            for start in range(0, val_x.shape[0], S):   # the last chunk may be shorter
                x, y = val_x[start: start + S], val_y[start: start + S]
                logits, state = model(x, state)
                total += loss_fn(logits, y.reshape(-1)).item() * y.numel()
                count += y.numel()
        return total / count

    train_s, step, epoch, pos, state = 0.0, 0, 0, 0, None
    train_loss = float("nan")
    best = float("inf")

    def evaluate():
        nonlocal best
        val = validation_loss()
        best = min(best, val)
        return val

    def report(val, interval=True):
        if interval and step > 0:
            print(f"eval seconds={train_s:.1f} step={step} epoch={epoch} train_loss={train_loss:.4f} "
                  f"val_loss={val:.4f} val_bpc={val / math.log(2):.4f}", flush=True)
        if a["curve"]:
            print(f"EVAL train_seconds={train_s:.3f} step={step} val_loss={val:.4f}", flush=True)

    if a["curve"]:
        report(evaluate())
    next_eval_s = a["eval_seconds"]
    while train_s < a["seconds"]:
        if pos + S > train_x.shape[0]:                  # a new pass over the data
            pos, state, epoch = 0, None, epoch + 1
        if a["cosine_to"] is not None:
            progress = min(1.0, train_s / a["seconds"])
            for group in opt.param_groups:
                group["lr"] = a["cosine_to"] + (a["lr"] - a["cosine_to"]) * 0.5 * (1 + math.cos(math.pi * progress))
        t = time.perf_counter()
        logits, state = model(train_x[pos: pos + S], state)
        loss = loss_fn(logits, train_y[pos: pos + S].reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, CLIP)
        opt.step()
        state = detached(state)
        train_s += time.perf_counter() - t
        train_loss = loss.item()
        pos += S
        step += 1
        if next_eval_s is not None:
            due = train_s >= next_eval_s
            if due:
                while next_eval_s <= train_s:
                    next_eval_s += a["eval_seconds"]
        else:
            due = a["eval_every"] > 0 and step % a["eval_every"] == 0
        if due and train_s < a["seconds"]:
            report(evaluate())

    final = evaluate()
    report(final, interval=False)   # the end of training: an EVAL line (with --curve) only
    chars_per_s = step * S * B / train_s if train_s > 0 else 0.0
    us_per_char = 1e6 / chars_per_s if chars_per_s > 0 else 0.0
    print(f"RESULT torch_char cell={a['cell']} H={a['hidden']} layers={a['layers']} S={S} B={B} "
          f"lr={a['lr']} threads={a['threads']} train_s={train_s:.1f} steps={step} "
          f"chars_per_s={chars_per_s:.0f} us_per_char={us_per_char:.2f} val_loss={final:.4f} "
          f"best_val_loss={best:.4f} V={len(vocab)} seed={a['seed']}", flush=True)


if __name__ == "__main__":
    main()
