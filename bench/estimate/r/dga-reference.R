# Reference values for Ketenplein's decomposable-graph model averaging (src/estimate/bayes/dga.ts).
#
# dga (Johndrow, Lum & Ball) cannot be installed here (only Debian's r-base-core is reachable), so this is an
# independent implementation written directly from Madigan & York (1997), Biometrika 84(1):19-31, with the
# conventions of dga::bma.cr: hyper-Dirichlet prior with delta per cell of the full 2^p table (so
# delta * 2^(p - |A|) per cell of the margin A), prior on N proportional to 1/N, uniform prior over graphs,
# joint posterior of (graph, number unseen) on an integer grid, quantile = first grid value whose cumulative
# posterior exceeds the level.
#
# It deliberately takes a different route from the TypeScript code: graphs are recognised as decomposable by
# eliminating simplicial vertices (not by maximum cardinality search), and the marginal likelihood is the
# product over the elimination sequence of ML(family) / ML(family without the vertex), not over cliques and
# separators. Both equal the clique/separator product for a decomposable graph.
#
# Usage: Rscript bench/estimate/r/dga-reference.R table.csv [delta|default] [max_unseen] [step]
#   prints one JSON object (median, mean, quantiles 0.025/0.975 of N, the 5 graphs with most weight).

args <- commandArgs(trailingOnly = TRUE)
tab <- read.csv(args[1], check.names = FALSE)
lists <- setdiff(names(tab), "count")
p <- length(lists)
delta <- if (length(args) >= 2 && args[2] != "default") as.numeric(args[2]) else 2^-p
max_unseen <- if (length(args) >= 3) as.numeric(args[3]) else 20000
step <- if (length(args) >= 4) as.numeric(args[4]) else 1
m <- seq(0, max_unseen, by = step)

# counts[k + 1] = persons with pattern k, bit i-1 of k = list i.
counts <- numeric(2^p)
for (r in seq_len(nrow(tab))) {
  k <- sum(as.numeric(tab[r, lists]) * 2^(0:(p - 1)))
  counts[k + 1] <- counts[k + 1] + tab$count[r]
}
n_obs <- sum(counts)
N <- n_obs + m
patterns <- 0:(2^p - 1)

# log marginal likelihood of the complete margin over the lists in `set` (a vector of list numbers 1..p),
# as a vector over the grid m; the empty set contributes 0.
log_ml <- function(set) {
  if (length(set) == 0) return(rep(0, length(m)))
  a <- delta * 2^(p - length(set))
  cell <- sapply(patterns, function(k) sum(as.integer(bitwAnd(k, 2^(set - 1)) > 0) * 2^(seq_along(set) - 1)))
  margin <- tapply(counts, factor(cell, levels = 0:(2^length(set) - 1)), sum)
  margin[is.na(margin)] <- 0
  fixed <- sum(lgamma(margin[-1] + a) - lgamma(a))
  lgamma(2^length(set) * a) - lgamma(N + 2^length(set) * a) + fixed + lgamma(margin[1] + m + a) - lgamma(a)
}
cache <- new.env()
cached_ml <- function(set) {
  key <- paste0("s", paste(sort(set), collapse = ","))
  if (is.null(cache[[key]])) assign(key, log_ml(sort(set)), envir = cache)
  cache[[key]]
}

# Elimination of simplicial vertices; NULL when the graph is not decomposable.
elimination <- function(adj) {
  left <- 1:p
  families <- list()
  while (length(left) > 0) {
    found <- FALSE
    for (v in left) {
      nb <- left[adj[v, left] == 1 & left != v]
      if (length(nb) < 2 || all(adj[nb, nb][upper.tri(adj[nb, nb])] == 1)) {
        families[[length(families) + 1]] <- list(v = v, nb = nb)
        left <- setdiff(left, v)
        found <- TRUE
        break
      }
    }
    if (!found) return(NULL)
  }
  families
}

pairs <- t(combn(p, 2))
log_post <- list()
names_g <- character()
for (code in 0:(2^nrow(pairs) - 1)) {
  adj <- matrix(0, p, p)
  on <- which(bitwAnd(code, 2^(0:(nrow(pairs) - 1))) > 0)
  for (e in on) { adj[pairs[e, 1], pairs[e, 2]] <- 1; adj[pairs[e, 2], pairs[e, 1]] <- 1 }
  fam <- elimination(adj)
  if (is.null(fam)) next
  lml <- rep(0, length(m))
  for (f in fam) lml <- lml + cached_ml(c(f$v, f$nb)) - cached_ml(f$nb)
  log_post[[length(log_post) + 1]] <- lml
  edges <- if (length(on) == 0) "-" else paste(apply(pairs[on, , drop = FALSE], 1, function(e) paste(lists[e], collapse = ":")), collapse = ",")
  names_g <- c(names_g, edges)
}
L <- do.call(rbind, log_post)
common <- lgamma(N + 1) - sum(lgamma(counts[-1] + 1)) - lgamma(m + 1) - log(N)
L <- sweep(L, 2, common, "+")
W <- exp(L - max(L))
W <- W / sum(W)
post_m <- colSums(W)
q <- function(level) N[which(cumsum(post_m) > level)[1]]
graph_w <- rowSums(W)
top <- order(-graph_w)[1:min(5, length(graph_w))]
cat(sprintf(
  '{"table":"%s","delta":%.10g,"grid":[0,%d,%d],"graphs":%d,"tail":%.3g,"mean":%.6f,"median":%d,"q025":%d,"q975":%d,"top":[%s]}\n',
  basename(args[1]), delta, max_unseen, step, nrow(L), post_m[length(post_m)] / max(post_m),
  sum(post_m * N), q(0.5), q(0.025), q(0.975),
  paste(sprintf('{"edges":"%s","weight":%.8f}', names_g[top], graph_w[top]), collapse = ",")
))
