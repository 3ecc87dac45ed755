#!/bin/sh
# Writes the latent-class reference values the tests compare with (src/estimate/bayes/reference/lcm-r.jsonl):
# K = 10, burn-in 5000, 2000 draws thinned by 10, four seeds per table (their spread is R's own Monte Carlo error).
# Needs R (Debian: apt-get install r-base-core); takes several minutes.
set -e
R=bench/estimate/r/lcm-reference.R
REF=src/estimate/bayes/reference
MSE=test/data/mse
for table in $REF/madigan-york-3lists.csv $MSE/hiv_rome_4lists.csv $MSE/allegheny_4lists.csv $MSE/netherlands_2010_2015_5lists.csv; do
  for seed in 1 2 3 4; do Rscript $R $table 10 5000 2000 10 $seed; done
done > $REF/lcm-r.jsonl.new && mv $REF/lcm-r.jsonl.new $REF/lcm-r.jsonl
