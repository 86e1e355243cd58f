#!/bin/sh
# test/p9_e2e/guest.sh — runs in the guest (see run.sh): mounts a fresh /share through
# /bin/p9fd with each security model and cache mode, exercises it with busybox, and
# prints "P9E2E fails=N".
fails=0
chk() { if eval "$1"; then :; else echo "FAIL[$M $O] $1"; fails=$((fails+1)); fi; }
run() {
  M=$1; O=$2
  cd /; rm -rf /share; mkdir -p /share /mnt; echo hostfile > /share/pre; mkdir /share/predir
  /bin/p9fd /share $M /mnt "$O" || { echo "FAIL mount $M $O"; fails=$((fails+1)); return; }
  cd /mnt || return
  chk '[ "$(cat pre)" = hostfile ]'
  echo hello > a; chk '[ "$(cat a)" = hello ]'
  mkdir d; chk '[ -d d ]'
  i=0; while [ $i -lt 60 ]; do echo $i > d/file_with_a_longish_name_$i; i=$((i+1)); done
  chk '[ $(ls d | wc -l) = 60 ]'
  chk '[ $(ls -a d | wc -l) = 62 ]'
  chk '[ "$(cat d/file_with_a_longish_name_59)" = 59 ]'
  mv a d/b; chk '[ "$(cat d/b)" = hello ]'; chk '[ ! -e a ]'
  mv d d2; chk '[ "$(cat d2/b)" = hello ]'
  ln -s d2/b sl; chk '[ "$(readlink sl)" = d2/b ]'; chk '[ "$(cat sl)" = hello ]'; chk '[ -L sl ]'
  ln d2/b hl; chk '[ "$(stat -c %h hl)" = 2 ]'
  chmod 741 hl; [ $M = mapped-file ] || chk '[ "$(stat -c %a d2/b)" = 741 ]'; chk '[ "$(stat -c %a hl)" = 741 ]'
  touch -d "2001-02-03 04:05:06" hl; chk '[ "$(stat -c %Y hl)" = 981173106 ]'
  dd if=/dev/urandom of=/tmp/rnd bs=1k count=3000 2>/dev/null
  cp /tmp/rnd big; chk '[ $(stat -c %s big) = 3072000 ]'
  chk '[ "$(md5sum < big)" = "$(md5sum < /tmp/rnd)" ]'
  chk '[ "$(md5sum < /share/big)" = "$(md5sum < /tmp/rnd)" ]'
  truncate -s 100 big; chk '[ $(stat -c %s big) = 100 ]'
  echo more >> big; chk '[ $(stat -c %s big) = 105 ]'
  chown 1234:5678 hl; chk '[ "$(stat -c %u:%g hl)" = 1234:5678 ]'
  mkfifo fifo; chk '[ -p fifo ]'
  mknod cdev c 1 3; chk '[ -c cdev ]'; chk '[ "$(stat -c %t:%T cdev)" = 1:3 ]'
  chk 'df /mnt >/dev/null'
  sync
  rm -rf d2; chk '[ ! -e d2 ]'
  mkdir -p x/y/z && echo deep > x/y/z/f; chk '[ "$(cat x/y/z/f)" = deep ]'
  mv x w; chk '[ "$(cat w/y/z/f)" = deep ]'
  rmdir w 2>/dev/null; chk '[ -d w ]'
  rm -r w; chk '[ ! -e w ]'
  chk '[ "$(cat ../mnt/pre)" = hostfile ]'
  chk '[ "$(ls /mnt/..)" = "$(ls /)" ]'
  echo unlinked > ul; ( exec 4<ul; rm ul; chk '[ "$(cat <&4)" = unlinked ]' )
  case $M in
    mapped-*) chk '[ ! -L /share/sl ]'; chk '[ ! -p /share/fifo ]' ;;
    *) chk '[ -L /share/sl ]'; chk '[ -p /share/fifo ]' ;;
  esac
  [ $M = mapped-file ] && chk '[ -d /share/.virtfs_metadata ]' && chk '! ls -a /mnt | grep -q virtfs'
  cd /; umount /mnt; chk '[ $? = 0 ]'
  echo "done $M $O"
}
for M in passthrough none mapped-xattr mapped-file; do
  run $M cache=none,msize=524288
  run $M cache=loose,msize=65536
done
# readonly
rm -rf /share; mkdir -p /share /mnt; echo ro > /share/f
/bin/p9fd /share passthrough /mnt cache=none ro
M=ro; O=
chk '[ "$(cat /mnt/f)" = ro ]'
chk '! (echo x > /mnt/f) 2>/dev/null'
chk '! (mkdir /mnt/x) 2>/dev/null'
umount /mnt
echo "P9E2E fails=$fails"
