/*
 * Same-run stand-in for LCMCR's speed in bench/estimate/bayes.ts (LCMCR itself cannot be installed here: it is not
 * in Debian and CRAN is not reachable). One chain of the same truncated Dirichlet-process latent-class sampler as
 * src/estimate/bayes/lcm-chain.ts and LCMCR's "Freq" sampler (Manrique-Vallier 2016), written in C with the GNU
 * Scientific Library's variates, as LCMCR uses: per observed capture pattern gsl_ran_multinomial over the K
 * classes (one categorical draw for a pattern seen once), gsl_ran_beta for the list probabilities, log-gamma
 * variates for the stick-breaking weights, gsl_ran_negative_binomial for the unseen and gsl_ran_gamma for alpha;
 * mt19937 as generator. Without LCMCR's R interface, parameter containers and trace buffers, so it is if anything
 * a little faster than LCMCR: a conservative baseline.
 *
 * Build: cc -O2 -o lcm-gsl lcm-gsl.c -lgsl -lgslcblas -lm   (Debian: apt-get install libgsl-dev)
 * Usage: lcm-gsl table.csv K iterations seed
 *   table.csv as test/data/mse (0/1 columns, then count); prints JSON: seconds (CPU), median and 2.5 % / 97.5 %
 *   quantiles of N over the second half of the iterations (every iteration kept).
 */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAXC 4096
#define MAXJ 30

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* log of a Gamma(a) variate, finite for tiny a. */
static double log_gamma_variate(gsl_rng *r, double a) {
  if (a < 1) return log(gsl_ran_gamma(r, a + 1, 1)) + log(gsl_rng_uniform_pos(r)) / a;
  return log(gsl_ran_gamma(r, a, 1));
}

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: lcm-gsl table.csv K iterations seed\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "r");
  if (!f) return 2;
  int K = atoi(argv[2]);
  long iterations = atol(argv[3]);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, strtoul(argv[4], NULL, 10));
  char line[4096];
  int J = 0, M = 0;
  static int x[MAXC][MAXJ];
  static unsigned int freq[MAXC];
  if (!fgets(line, sizeof line, f)) return 2;
  for (char *c = line; *c; c++) J += *c == ',';
  while (fgets(line, sizeof line, f)) {
    char *p = line;
    int row[MAXJ];
    for (int j = 0; j < J; j++) row[j] = (int)strtol(p, &p, 10), p++;
    unsigned int cnt = (unsigned int)strtoul(p, NULL, 10);
    if (cnt == 0) continue;
    memcpy(x[M], row, sizeof row);
    freq[M++] = cnt;
  }
  fclose(f);
  long n = 0;
  for (int m = 0; m < M; m++) n += freq[m];
  double *lambda = calloc(J * K, sizeof(double)), *nu = calloc(K, sizeof(double)), *lognu = calloc(K, sizeof(double));
  double *w = calloc(K, sizeof(double)), *w0 = calloc(K, sizeof(double));
  unsigned int *z = calloc(M * K, sizeof(unsigned int)), *count0 = calloc(K, sizeof(unsigned int));
  long *countK = calloc(K, sizeof(long)), *ones = calloc(J * K, sizeof(long));
  for (int j = 0; j < J; j++) {
    long on = 0;
    for (int m = 0; m < M; m++) on += x[m][j] ? freq[m] : 0;
    for (int k = 0; k < K; k++) lambda[j * K + k] = (double)on / n;
  }
  for (int k = 0; k < K; k++) nu[k] = K <= 4 ? 1.0 / K : k < 4 ? 0.9 / 4 : 0.1 / (K - 4);
  double alpha = 0.3 / K, a_alpha = 0.25, b_alpha = 0.25;
  long n0 = 0, kept = 0;
  long total_iter = 500 + iterations;
  double *N = calloc(iterations, sizeof(double));
  clock_t start = clock();
  for (long it = 0; it < total_iter; it++) {
    /* classes of the observed persons, per pattern */
    for (int m = 0; m < M; m++) {
      for (int k = 0; k < K; k++) {
        double p = nu[k];
        for (int j = 0; j < J; j++) p *= x[m][j] ? lambda[j * K + k] : 1 - lambda[j * K + k];
        w[k] = p;
      }
      if (freq[m] > 1) gsl_ran_multinomial(r, K, freq[m], w, z + m * K);
      else {
        double t = 0;
        for (int k = 0; k < K; k++) t += w[k];
        double u = gsl_rng_uniform(r) * t;
        int c = 0;
        while (c < K - 1 && u >= w[c]) u -= w[c++];
        memset(z + m * K, 0, K * sizeof(unsigned int));
        z[m * K + c] = 1;
      }
    }
    /* list probabilities */
    memset(ones, 0, J * K * sizeof(long));
    for (int k = 0; k < K; k++) countK[k] = count0[k];
    for (int m = 0; m < M; m++)
      for (int k = 0; k < K; k++) {
        countK[k] += z[m * K + k];
        for (int j = 0; j < J; j++) ones[j * K + k] += x[m][j] ? z[m * K + k] : 0;
      }
    for (int j = 0; j < J; j++)
      for (int k = 0; k < K; k++)
        lambda[j * K + k] = gsl_ran_beta(r, 1.0 + ones[j * K + k], 1.0 + countK[k] - ones[j * K + k]);
    /* stick-breaking weights */
    long remaining = n + n0;
    double lrest = 0;
    for (int k = 0; k < K - 1; k++) {
      remaining -= countK[k];
      double g1 = log_gamma_variate(r, 1.0 + countK[k]), g2 = log_gamma_variate(r, alpha + remaining);
      double s = g1 > g2 ? g1 + log1p(exp(g2 - g1)) : g2 + log1p(exp(g1 - g2));
      lognu[k] = g1 - s + lrest;
      lrest += g2 - s;
      nu[k] = exp(lognu[k]);
    }
    lognu[K - 1] = lrest;
    nu[K - 1] = exp(lrest);
    /* the unseen */
    double zero = 0;
    for (int k = 0; k < K; k++) {
      double p = nu[k];
      for (int j = 0; j < J; j++) p *= 1 - lambda[j * K + k];
      w0[k] = p;
      zero += p;
    }
    n0 = gsl_ran_negative_binomial(r, 1 - zero, (double)n);
    gsl_ran_multinomial(r, K, (unsigned int)n0, w0, count0);
    if (it >= 500) {
      alpha = gsl_ran_gamma(r, a_alpha + K - 1, 1.0 / (b_alpha - lognu[K - 1]));
      N[kept++] = n + n0;
    }
  }
  double secs = (double)(clock() - start) / CLOCKS_PER_SEC;
  qsort(N + kept / 2, kept - kept / 2, sizeof(double), cmp);
  long h = kept / 2, len = kept - kept / 2;
  printf("{\"iterations\":%ld,\"seconds\":%.4f,\"secondsPerMillion\":%.3f,\"median\":%.1f,\"q025\":%.1f,\"q975\":%.1f}\n",
         iterations, secs, secs / total_iter * 1e6, N[h + len / 2], N[h + (long)(0.025 * (len - 1))],
         N[h + (long)(0.975 * (len - 1))]);
  gsl_rng_free(r);
  return 0;
}
