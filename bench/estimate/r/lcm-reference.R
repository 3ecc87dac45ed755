# Reference values for Ketenplein's latent-class capture-recapture sampler (src/estimate/bayes/lcm-chain.ts).
#
# LCMCR (Manrique-Vallier) cannot be installed here (only Debian's r-base-core is reachable), so this is an
# independent Gibbs sampler written from Manrique-Vallier (2016), "Bayesian population size estimation using
# Dirichlet process mixtures", Biometrics 72(4):1246-1254, with LCMCR's conventions: stick-breaking prior
# truncated at K classes, Beta(1, 1) priors on the list probabilities, alpha ~ Gamma(a, b) (rate b), the
# number unseen imputed each iteration as NegBin(n, 1 - P(unseen)) (prior on N proportional to 1/N), 500
# warm-up iterations with alpha fixed at 0.3 / K, then classes sorted by weight, then burn-in and thinned draws.
# It uses R's own random generators (rbeta, rgamma, rmultinom, rnbinom), so it agrees with the TypeScript
# sampler only within Monte Carlo error.
#
# Usage: Rscript bench/estimate/r/lcm-reference.R table.csv K burnin samples thin seed
#   prints one JSON object: median, mean, 2.5 % and 97.5 % quantiles (type 7) of N, seconds per 10^6 iterations.

args <- commandArgs(trailingOnly = TRUE)
tab <- read.csv(args[1], check.names = FALSE)
K <- as.integer(args[2]); burnin <- as.integer(args[3]); samples <- as.integer(args[4])
thin <- as.integer(args[5]); seed <- as.integer(args[6])
a_alpha <- 0.25; b_alpha <- 0.25
set.seed(seed)
lists <- setdiff(names(tab), "count")
tab <- tab[tab$count > 0, ]
X <- as.matrix(tab[, lists]); freq <- tab$count
J <- ncol(X); M <- nrow(X); n <- sum(freq)

# log of a Gamma(a) variate that stays finite for tiny a (the variate itself can underflow to 0).
log_rgamma <- function(a) ifelse(a < 1, log(rgamma(length(a), a + 1)) + log(runif(length(a))) / a, log(rgamma(length(a), a)))

lambda <- matrix(colSums(X * freq) / n, J, K)
log_nu <- log(if (K <= 4) rep(1 / K, K) else c(rep(0.9 / 4, 4), rep(0.1 / (K - 4), K - 4)))
alpha <- 0.3 / K; n0 <- 0; count0 <- rep(0, K)

step <- function(update_alpha) {
  logw <- X %*% log(lambda) + (1 - X) %*% log(1 - lambda) + matrix(log_nu, M, K, byrow = TRUE)
  Z <- matrix(0, M, K)
  for (m in 1:M) Z[m, ] <- rmultinom(1, freq[m], exp(logw[m, ] - max(logw[m, ])))
  nk <- colSums(Z) + count0
  ones <- t(X) %*% Z
  lambda <<- matrix(rbeta(J * K, 1 + ones, 1 + matrix(nk, J, K, byrow = TRUE) - ones), J, K)
  after <- rev(cumsum(rev(nk)))[-1]           # persons in classes after k, k = 1..K-1
  g1 <- log_rgamma(1 + nk[-K]); g2 <- log_rgamma(alpha + after)
  s <- pmax(g1, g2) + log1p(exp(-abs(g1 - g2)))
  log_v <- g1 - s; log_1mv <- g2 - s
  log_nu <<- c(log_v + c(0, cumsum(log_1mv))[1:(K - 1)], sum(log_1mv))
  w0 <- exp(log_nu + colSums(log(1 - lambda)))
  n0 <<- rnbinom(1, size = n, prob = 1 - sum(w0))
  count0 <<- as.vector(rmultinom(1, n0, w0))
  if (update_alpha) alpha <<- rgamma(1, a_alpha + K - 1, rate = b_alpha - log_nu[K])
}

for (i in 1:500) step(FALSE)
o <- order(-log_nu)
lambda <- lambda[, o, drop = FALSE]; log_nu <- log_nu[o]; count0 <- count0[o]
N <- numeric(samples)
started <- proc.time()[["elapsed"]]
for (i in 1:(burnin + samples * thin)) {
  step(TRUE)
  if (i > burnin && (i - burnin) %% thin == 0) N[(i - burnin) / thin] <- n + n0
}
elapsed <- proc.time()[["elapsed"]] - started
q <- quantile(N, c(0.025, 0.5, 0.975), type = 7)
cat(sprintf(
  '{"table":"%s","K":%d,"burnin":%d,"samples":%d,"thin":%d,"seed":%d,"mean":%.3f,"median":%.3f,"q025":%.3f,"q975":%.3f,"secondsPerMillion":%.2f}\n',
  basename(args[1]), K, burnin, samples, thin, seed, mean(N), q[2], q[1], q[3],
  elapsed / (burnin + samples * thin) * 1e6
))
