"""nndl/conv_layers.py as seed 004's discussion notes show it: the skeleton's cells, verbatim, inside the
cs231n function definitions (the notes show the bodies only). It does not parse (`out_height = #`,
`xpad[]`, `dw[] +=`); the spatial batch-norm functions are not shown in the notes."""
import numpy as np


def conv_forward_naive(x, w, b, conv_param):
    out_height = # H' = 1+(H+2*pad-HH)/stride   # determine the height of the output based on the equations above
    out_width = # W' = 1+(W+2*pad-WW)/stride    # determine the width of the output based on the equations above
    out = np.zeros() # (N, F, H', W')           # create the output using the calculated height and width

    # for every img input
    # iterate thru ouput pixels [i,j] ([vertical axis, horizontal axis]) 
    # for each pixel in output, see the corresponding input window
    # multiply input win with the filter(weight), take a sum over # channel
    # conv(1*receptive_field*#ch, #filter*filter_size(==receptive_field)*#ch) -> #filter*1 (1 #filter-dim bar for [i,j] pixel)
    # that's how wwe do for ONE output pixel [i,j] for ONE img example n 

    for n in range(N):                                     # loop over the number of training samples
        for i in range(out_height):                        # loop over vertical axis of the output
            for j in range(out_width):                     # loop over horizontal axis of the output
                x_seg = xpad[]                             # determine the range of the input that is multiplied by the filters
                out[n,:,i,j] = np.sum(x_seg*w,axis=()) + b # calculate the output, b is bias term
                                                           # segment of the input x filter + b
    cache = (x, w, b, conv_param)
    return out, cache


def conv_backward_naive(dout, cache):
    dx = np.zeros()                                # create dx, should have the same shape as x: (N, C, H, W)
    dw = np.zeros()                                # create dw, should have the same shape as w: (F, C, HH, WW)
    dxpad = np.zeros()                             # create dxpad, should have the same shape as xpad 

    db = np.sum()                                  # calculate db

    # have upstream grad for each example dL/dy
    # interate over # training example
    # loop over vertical and horizontal axises of output
    # for each output pixel, find corresponding window receptive field in input
    # find the x_seg the upstream x values connected to this ij in output
    # find dw, dxpad from upstream grad using cache
    # dw & dxpad need to be accumulated; they add up
    # dx as truncated dx_pad

    for n in range(N):                             # loop over the number of training samples
        for i in range(out_height):                # loop over vertical axis of the output
            for j in range(out_width):             # loop over horizontal axis of the output
                for f in range(num_filts):         # loop over the number of filters
                    x_seg = xpad[]                 # determine the range of input that will be multiplied by the upstream derivative
                    dw[] +=                         # calculate dw
                    dxpad[] +=                      # calculate dxpad

    dx = dxpad[]                                   # calculate dx from dxpad
    return dx, dw, db


def max_pool_forward_naive(x, pool_param):
    out_height =                                    #determine the height of the output based on the equations above
    out_width =                                     #determine the width of the output based on the equations above
    out = np.zeros()                                #create the output using the calculated height and width

    # for each filter
    # for each channel
    # find max on corresponding input field
    # np.amax() gives max argument

    for n in range(N):                              #loop over the number of training samples
        for c in range(C):                          #loop over the number of channels
            for i in range(out_height):             #loop over vertical axis of the output
                for j in range(out_width):          #loop over horizontal axis of the output
                    out[] = np.amax()               # equivalent function: np.max()
    cache = (x, pool_param)
    return out, cache


def max_pool_backward_naive(dout, cache):
    # loop through all example
    # loop through all channel
    # for each output in output matrix find the x_seg, corresponding input window
    # get correct mask with 1 at hotpot
    # np.multiply w/ mask and add to dx 

    for n in range(N):                              # loop over the number of training samples
        for c in range(C):                          # loop over the number of channels
            for i in range(dout_height):            # loop over vertical axis of the dout
                for j in range(dout_width):         # loop over horizontal axis of the dout
                    index =                         # find the range of the pooling layer input x
                    mask = (x == np.amax(x))        # create the mask that marks the maximum element as 1 and 0 for the rest
                    dx[] +=  np.multiply()          
    return dx
