"""ImageNet label helpers (seed 000's coding part): synset_words.txt and the ILSVRC val annotations."""
import xml.etree.ElementTree as ET


def parsesynsetwords(filen):
    """(indicestosynsets, synsetstoindices, synsetstoclassdescr) of a synset_words.txt file.

    Line i (counting non-empty lines from 0) is class i: "n01440764 tench, Tinca tinca".
    """
    indicestosynsets = {}
    synsetstoindices = {}
    synsetstoclassdescr = {}
    index = 0
    with open(filen) as f:
        for line in f:
            words = line.split()
            if not words:
                continue
            wnid = words[0]
            indicestosynsets[index] = wnid
            synsetstoindices[wnid] = index
            synsetstoclassdescr[wnid] = ' '.join(words[1:])
            index += 1
    return indicestosynsets, synsetstoindices, synsetstoclassdescr


def parseclasslabel(filen, synsetstoindices):
    """(label, firstname) of one ILSVRC val annotation; exits when its objects are of several classes."""
    root = ET.parse(filen).getroot()
    labels = set()
    firstname = None
    for obj in root.findall('object'):
        for name in obj.findall('name'):
            if firstname is None:
                firstname = name.text
            labels.add(synsetstoindices[name.text])
    if len(labels) != 1:
        print('ERR: expected one class, found', len(labels))
        exit()
    return labels.pop(), firstname
