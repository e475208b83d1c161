/** Pareto frontiers of two maximised figures (tokens per second per user and per GPU). */
package dev.plimsoll.optimizer.pareto;
