#!/bin/sh
# Writes the dga reference values the tests compare with (src/estimate/bayes/reference/dga-r.jsonl).
# Needs R (Debian: apt-get install r-base-core); takes a few minutes.
set -e
R=bench/estimate/r/dga-reference.R
REF=src/estimate/bayes/reference
MSE=test/data/mse
{
  Rscript $R $REF/madigan-york-3lists.csv default 5000
  Rscript $R $REF/madigan-york-3lists.csv 1 5000
  Rscript $R $MSE/hiv_rome_4lists.csv default 80000
  Rscript $R $MSE/allegheny_4lists.csv default 40000
  Rscript $R $MSE/allegheny_4lists.csv 0.5 40000
  Rscript $R $REF/madigan-york-5lists.csv default 20000
  Rscript $R $MSE/netherlands_2010_2015_5lists.csv default 14000000 350
} > $REF/dga-r.jsonl
