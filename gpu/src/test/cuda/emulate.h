// Host emulation of the few CUDA features tensorgrade.cu uses, for emulate.cpp: every block runs its
// threads as real CPU threads that meet at a barrier for __syncthreads, and __shared__ arrays become
// function statics, shared by the block's threads (blocks run one after another).
#pragma once
#include <cmath>
#include <pthread.h>

struct TgDim { int x, y, z; };
extern thread_local TgDim tg_tid, tg_bid;
extern TgDim tg_bdim, tg_gdim;
extern pthread_barrier_t tg_barrier;

#define TG_GLOBAL extern "C"
#define TG_SHARED static
#define TG_DEVICE static inline
#define TG_TID_X tg_tid.x
#define TG_BID_X tg_bid.x
#define TG_BID_Y tg_bid.y
#define TG_BID_Z tg_bid.z
#define TG_BDIM_X tg_bdim.x
#define TG_GDIM_X tg_gdim.x
#define TG_SYNC() pthread_barrier_wait(&tg_barrier)
#define TG_EXP2(x) exp2f(x)
