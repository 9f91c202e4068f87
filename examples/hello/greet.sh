#!/bin/sh
# Runs in the box: says who and where it is.
echo "$(cat /etc/hello/greeting): I am uid $(id -u) in $(pwd) on box $(hostname), my pid is $$."
