#!/usr/bin/python3
"""torch_rnn.py - rnnlab's PyTorch peer on the memorization task (CPU, one thread, float32).

torch.nn.RNN (tanh) | LSTM | GRU followed by torch.nn.Linear, softmax
cross-entropy summed over the T = 2L + 1 positions of a sequence and averaged
over the mini-batch, torch.nn.utils.clip_grad_norm_ over all parameters, SGD
or Adam. PyTorch's default initialisation.

Task: vocabulary 10, symbols 0..7, delimiter 8, blank 9; input = L random
symbols, the delimiter, L blanks; target = L blanks, the delimiter, the L
symbols. Test accuracy: the last L positions of 2,000 fresh sequences.

Usage: /usr/bin/python3 torch_rnn.py ITERS LR HIDDEN BATCH sgd|adam [CLIP] [SEED] [REMEMBER] [rnn|lstm|gru]
       defaults for the optional ones:                              1.0    0      13         rnn
CLIP <= 0 turns clipping off. Prints "iter N loss X" every 10,000 steps, then
RESULT torch cell=.. iters=.. B=.. opt=.. lr=.. H=.. train_s=.. us_per_iter=.. us_per_seq=.. test_acc=.. clip=.. seed=.. L=..
(us_per_iter = µs per optimizer step, us_per_seq = µs per training sequence.)
"""
import sys
import time

import torch

VOCAB = 10
DELIM = VOCAB - 2
BLANK = VOCAB - 1
TEST_SEQUENCES = 2000
CELLS = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}


def arguments(argv):
    spec = [("iters", int, None), ("lr", float, None), ("hidden", int, None), ("batch", int, None),
            ("opt", str, None), ("clip", float, 1.0), ("seed", int, 0), ("remember", int, 13),
            ("cell", str, "rnn")]
    if not 5 <= len(argv) <= len(spec):
        sys.exit(__doc__)
    a = {name: (kind(argv[i]) if i < len(argv) else default)
         for i, (name, kind, default) in enumerate(spec)}
    if a["opt"] not in ("sgd", "adam") or a["cell"] not in CELLS:
        sys.exit(__doc__)
    return a


class MemoryTask:
    """Draws time-major batches: one-hot inputs (T, n, VOCAB) and target ids (T, n)."""

    def __init__(self, remember, seed):
        self.remember = remember
        self.gen = torch.Generator().manual_seed(seed)
        self.one_hot = torch.eye(VOCAB)

    def batch(self, n):
        symbols = torch.randint(0, VOCAB - 2, (self.remember, n), generator=self.gen)
        fill = torch.full((self.remember, n), BLANK)
        delim = torch.full((1, n), DELIM)
        inputs = torch.cat([symbols, delim, fill])
        targets = torch.cat([fill, delim, symbols])
        return self.one_hot[inputs], targets


class Recurrent(torch.nn.Module):
    def __init__(self, cell, hidden):
        super().__init__()
        self.core = CELLS[cell](VOCAB, hidden)
        self.readout = torch.nn.Linear(hidden, VOCAB)

    def forward(self, x):
        states, _ = self.core(x)
        return self.readout(states)


def main():
    a = arguments(sys.argv[1:])
    torch.set_num_threads(1)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    torch.manual_seed(a["seed"])
    model = Recurrent(a["cell"], a["hidden"])
    params = list(model.parameters())
    if a["opt"] == "sgd":
        opt = torch.optim.SGD(params, lr=a["lr"])
    else:
        opt = torch.optim.Adam(params, lr=a["lr"])
    train = MemoryTask(a["remember"], 2 * a["seed"] + 1)
    test = MemoryTask(a["remember"], 2 * a["seed"] + 2)
    L, B = a["remember"], a["batch"]

    start = time.perf_counter()
    for i in range(a["iters"]):
        x, y = train.batch(B)
        logits = model(x)
        loss = torch.nn.functional.cross_entropy(
            logits.reshape(-1, VOCAB), y.reshape(-1), reduction="sum") / B
        opt.zero_grad(set_to_none=True)
        loss.backward()
        if a["clip"] > 0:
            torch.nn.utils.clip_grad_norm_(params, a["clip"])
        opt.step()
        if i % 10000 == 0:
            print(f"iter {i} loss {loss.item():.3f}", flush=True)
    train_s = time.perf_counter() - start

    with torch.no_grad():
        x, y = test.batch(TEST_SEQUENCES)
        guesses = model(x).argmax(-1)
        acc = (guesses[-L:] == y[-L:]).double().mean().item()

    per_iter = 1e6 * train_s / max(a["iters"], 1)
    print(f"RESULT torch cell={a['cell']} iters={a['iters']} B={B} opt={a['opt']} lr={a['lr']} "
          f"H={a['hidden']} train_s={train_s:.2f} us_per_iter={per_iter:.1f} "
          f"us_per_seq={per_iter / B:.1f} test_acc={acc:.4f} clip={a['clip']} seed={a['seed']} L={L}",
          flush=True)


if __name__ == "__main__":
    main()
