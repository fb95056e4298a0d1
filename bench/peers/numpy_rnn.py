#!/usr/bin/env python3
"""numpy_rnn.py - rnnlab's numpy peer on the memorization task (batch 1, float64).

The original numpy design, written for rnnlab as an independent reference:
an Elman cell h_t = tanh(W x_t + U h_{t-1} + b) with a linear readout
z_t = V h_t + c, softmax cross-entropy summed over the sequence, full
backpropagation through time, L2-norm clipping per layer (the cell's
{W, U, b} and the readout's {V, c} are clipped separately), plain SGD on one
sequence per step. Weights Glorot-uniform, biases zero.

Task: a vocabulary of 10 tokens, symbols 0..7, delimiter 8, blank 9. Input:
L random symbols, the delimiter, L blanks. Target: L blanks, the delimiter,
the L symbols again (T = 2L + 1). Accuracy counts only the last L positions,
on max(ITERS // 100, 500) fresh test sequences.

Usage: python3 numpy_rnn.py ITERS LR HIDDEN [CLIP] [SEED] [REMEMBER]
       defaults:            70000 0.001 50  1.0    0      13
CLIP <= 0 turns clipping off. Prints "iter N loss X" every 10,000 steps, then
RESULT iters=.. lr=.. H=.. clip=.. train_s=.. us_per_iter=.. test_acc=.. seed=.. L=.. n_test=..
Runs deterministically for a given SEED (set OMP_NUM_THREADS=1 for one thread).
"""
import sys
import time

import numpy as np

VOCAB = 10
DELIM = VOCAB - 2
BLANK = VOCAB - 1


def arguments(argv):
    """Positional arguments, each optional, in the order of the usage line."""
    spec = [("iters", int, 70000), ("lr", float, 0.001), ("hidden", int, 50),
            ("clip", float, 1.0), ("seed", int, 0), ("remember", int, 13)]
    if len(argv) > len(spec) or any(a in ("-h", "--help") for a in argv):
        sys.exit(__doc__)
    return {name: (kind(argv[i]) if i < len(argv) else default)
            for i, (name, kind, default) in enumerate(spec)}


def memory_sequence(rng, remember):
    """One sequence: one-hot inputs (T, VOCAB) and target ids (T,)."""
    symbols = rng.integers(0, VOCAB - 2, remember)
    fill = np.full(remember, BLANK)
    inputs = np.concatenate([symbols, [DELIM], fill])
    targets = np.concatenate([fill, [DELIM], symbols])
    return np.eye(VOCAB)[inputs], targets


def glorot_uniform(rng, fan_out, fan_in):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=(fan_out, fan_in))


class ElmanNet:
    """Elman cell + linear readout, trained by BPTT and SGD on one sequence at a time."""

    def __init__(self, rng, hidden):
        self.W = glorot_uniform(rng, hidden, VOCAB)    # input -> hidden
        self.U = glorot_uniform(rng, hidden, hidden)   # hidden -> hidden
        self.b = np.zeros(hidden)
        self.V = glorot_uniform(rng, VOCAB, hidden)    # hidden -> output
        self.c = np.zeros(VOCAB)

    def forward(self, xs):
        """Hidden states (T + 1 of them, the first one zero) and softmax outputs (T)."""
        states = [np.zeros(self.b.shape[0])]
        probs = []
        for x in xs:
            h = np.tanh(self.W @ x + self.U @ states[-1] + self.b)
            z = self.V @ h + self.c
            e = np.exp(z - z.max())
            states.append(h)
            probs.append(e / e.sum())
        return states, probs

    def gradients(self, xs, targets, states, probs):
        """Full BPTT of the summed cross-entropy; returns (cell grads, readout grads)."""
        dW, dU, db = np.zeros_like(self.W), np.zeros_like(self.U), np.zeros_like(self.b)
        dV, dc = np.zeros_like(self.V), np.zeros_like(self.c)
        carry = np.zeros_like(self.b)               # dLoss/dh_t arriving from step t + 1
        for t in range(len(xs) - 1, -1, -1):
            dz = probs[t].copy()
            dz[targets[t]] -= 1.0                    # softmax + cross-entropy
            h, h_prev = states[t + 1], states[t]
            dV += np.outer(dz, h)
            dc += dz
            da = (self.V.T @ dz + carry) * (1.0 - h * h)
            dW += np.outer(da, xs[t])
            dU += np.outer(da, h_prev)
            db += da
            carry = self.U.T @ da
        return (dW, dU, db), (dV, dc)

    def sgd_step(self, xs, targets, lr, clip):
        states, probs = self.forward(xs)
        loss = -sum(np.log(p[y] + 1e-12) for p, y in zip(probs, targets))
        cell, readout = self.gradients(xs, targets, states, probs)
        for group in (cell, readout):
            clip_by_norm(group, clip)
        for param, grad in zip((self.W, self.U, self.b, self.V, self.c), cell + readout):
            param -= lr * grad
        return loss


def clip_by_norm(grads, limit):
    """Scale a group of gradients in place so that their joint L2 norm is at most limit."""
    if limit <= 0:
        return
    norm = np.sqrt(sum(float(np.vdot(g, g)) for g in grads))
    if norm > limit:
        for g in grads:
            g *= limit / norm


def main():
    a = arguments(sys.argv[1:])
    init_rng, train_rng, test_rng = (np.random.default_rng(s)
                                     for s in np.random.SeedSequence(a["seed"]).spawn(3))
    net = ElmanNet(init_rng, a["hidden"])
    L = a["remember"]

    start = time.perf_counter()
    for i in range(a["iters"]):
        xs, targets = memory_sequence(train_rng, L)
        loss = net.sgd_step(xs, targets, a["lr"], a["clip"])
        if i % 10000 == 0:
            print(f"iter {i} loss {loss:.3f}", flush=True)
    train_s = time.perf_counter() - start

    n_test = max(a["iters"] // 100, 500)
    correct = 0
    for _ in range(n_test):
        xs, targets = memory_sequence(test_rng, L)
        _, probs = net.forward(xs)
        guesses = np.array([p.argmax() for p in probs[-L:]])
        correct += int((guesses == targets[-L:]).sum())
    acc = correct / (n_test * L)

    us = 1e6 * train_s / max(a["iters"], 1)
    print(f"RESULT iters={a['iters']} lr={a['lr']} H={a['hidden']} clip={a['clip']} "
          f"train_s={train_s:.2f} us_per_iter={us:.1f} test_acc={acc:.4f} "
          f"seed={a['seed']} L={L} n_test={n_test}", flush=True)


if __name__ == "__main__":
    main()
