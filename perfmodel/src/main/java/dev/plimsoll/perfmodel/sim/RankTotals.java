package dev.plimsoll.perfmodel.sim;

/** Totals over an engine's attention-DP ranks: the load figures routers, scalers and samplers read. */
final class RankTotals {
    private RankTotals() {
    }

    /** Requests queued: waiting to run, not yet read by the scheduler, or waiting for their KV transfer. */
    static int waiting(Rank[] ranks) {
        int n = 0;
        for (Rank rank : ranks) {
            n += rank.waiting.size() + rank.unseen.size() + rank.transferQueue.size();
        }
        return n;
    }

    static int running(Rank[] ranks) {
        int n = 0;
        for (Rank rank : ranks) {
            n += rank.running.size();
        }
        return n;
    }

    static int outstanding(Rank[] ranks) {
        int n = 0;
        for (Rank rank : ranks) {
            n += rank.outstanding();
        }
        return n;
    }

    /** No rank holds a request or KV kept for a transfer. */
    static boolean holdNothing(Rank[] ranks) {
        for (Rank rank : ranks) {
            if (rank.outstanding() != 0 || rank.transferHolds != 0) {
                return false;
            }
        }
        return true;
    }

    /** Mean KV usage of the ranks. */
    static double kvUsage(Rank[] ranks) {
        double usage = 0;
        for (Rank rank : ranks) {
            usage += rank.kv.usage();
        }
        return usage / ranks.length;
    }

    static long activeBlocks(Rank[] ranks) {
        long blocks = 0;
        for (Rank rank : ranks) {
            blocks += rank.kv.totalBlocks - rank.kv.allocatableBlocks();
        }
        return blocks;
    }

    /** Active blocks plus the prompt blocks still to compute of the requests queued (Dynamo's KV router). */
    static long routerActiveBlocks(Rank[] ranks) {
        long blocks = activeBlocks(ranks);
        for (Rank rank : ranks) {
            for (SimRequest q : rank.waiting) {
                if (q.computed == 0) {
                    blocks += rank.kv.blocksFor(q.routedPrefillTokens);
                }
            }
            for (SimRequest q : rank.unseen) {
                blocks += rank.kv.blocksFor(q.routedPrefillTokens);
            }
        }
        return blocks;
    }
}
